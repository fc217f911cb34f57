import { strict as assert } from 'node:assert';
import { applyTextEdits, lineHunks, splitLines } from '../../../src/core/results/lineHunks';
import { rebaseEdits } from '../../../src/core/results/rebaseEdits';

const lines = (n: number, tag = 'line'): string => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');

describe('line hunks', () => {
  it('splits lines keeping their terminators', () => {
    assert.deepEqual(splitLines('a\nb\r\nc'), ['a\n', 'b\r\n', 'c']);
    assert.deepEqual(splitLines(''), []);
  });

  it('separate changes are separate hunks; applying every hunk gives the after text', () => {
    const before = lines(20);
    const after = `// summary\n${before.replace('line 10\n', 'line ten\n')}// end\n`;
    const hunks = lineHunks(before, after);
    assert.equal(hunks.length, 3);
    assert.deepEqual(hunks.map((h) => [h.beforeLine, h.beforeCount, h.text]), [
      [0, 0, '// summary\n'],
      [9, 1, 'line ten\n'],
      [20, 0, '// end\n'],
    ]);
    assert.equal(applyTextEdits(before, hunks), after);
  });

  it('changes two or fewer unchanged lines apart are one hunk', () => {
    const before = lines(10);
    const after = before.replace('line 3\n', 'x\n').replace('line 6\n', 'y\n');
    const hunks = lineHunks(before, after);
    assert.equal(hunks.length, 1);
    assert.equal(applyTextEdits(before, hunks), after);
  });

  it('any subset of hunks applies cleanly (what accepting some hunks in the preview does)', () => {
    const before = lines(30);
    const after = before.replace('line 2\n', 'two\n').replace('line 15\n', 'fifteen\n').replace('line 28\n', '');
    const hunks = lineHunks(before, after);
    assert.equal(hunks.length, 3);
    assert.equal(applyTextEdits(before, [hunks[0]!, hunks[2]!]), before.replace('line 2\n', 'two\n').replace('line 28\n', ''));
  });

  it('a missing final newline is a change of the last line', () => {
    const hunks = lineHunks('a\nb\n', 'a\nb');
    assert.deepEqual(hunks.map((h) => [h.start, h.end, h.text]), [[2, 4, 'b']]);
  });

  it('no hunks for equal texts', () => {
    assert.deepEqual(lineHunks('x\n', 'x\n'), []);
  });
});

describe('rebasing edits onto a text changed since launch', () => {
  const original = lines(30);
  const proposed = `// header\n${original.replace('line 20\n', 'line twenty\n')}`;

  it('moves every edit when the user changed other lines', () => {
    const current = original.replace('line 10\n', 'line 10\nadded by the user\nand another\n');
    const hunks = lineHunks(original, proposed);
    const result = rebaseEdits(original, current, hunks);
    assert.equal(result.conflicts.length, 0);
    const merged = applyTextEdits(current, result.mapped.map((m) => m.edit));
    assert.equal(merged, `// header\n${current.replace('line 20\n', 'line twenty\n')}`);
  });

  it('an edit on a line the user changed is a conflict, the others still move', () => {
    const current = original.replace('line 20\n', 'line 20 edited by the user\n');
    const result = rebaseEdits(original, current, lineHunks(original, proposed));
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0]?.text, 'line twenty\n');
    assert.equal(result.mapped.length, 1);
    assert.equal(applyTextEdits(current, result.mapped.map((m) => m.edit)).startsWith('// header\nline 1\n'), true);
  });

  it('an insertion next to a changed line is a conflict (which side it belongs to is unknowable)', () => {
    const current = original.replace('line 1\n', 'LINE ONE\n');
    const result = rebaseEdits(original, current, [{ start: 0, end: 0, text: '// header\n' }, { start: 7, end: 7, text: 'between 1 and 2\n' }]);
    assert.equal(result.mapped.length, 0);
    assert.equal(result.conflicts.length, 2);
  });

  it('an insertion at the end moves only while the end is unchanged', () => {
    const edit = { start: original.length, end: original.length, text: 'tail\n' };
    assert.equal(rebaseEdits(original, `top\n${original}`, [edit]).mapped.length, 1);
    assert.equal(rebaseEdits(original, `${original}user tail\n`, [edit]).conflicts.length, 1);
  });

  it('replacing a selection: the selected lines moved down by an edit above, same text, new offsets', () => {
    const start = original.indexOf('line 12\n');
    const end = original.indexOf('line 15\n');
    const current = `inserted\n${original}`;
    const result = rebaseEdits(original, current, [{ start, end, text: 'NEW\n' }]);
    assert.deepEqual(result.mapped[0]?.edit, { start: start + 9, end: end + 9, text: 'NEW\n' });
  });
});
