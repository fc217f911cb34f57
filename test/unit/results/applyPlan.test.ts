import { strict as assert } from 'node:assert';
import { looksLikeFragment, planFileApply, planSelectionReplace, type SelectionFacts } from '../../../src/core/results/applyPlan';
import { fitText } from '../../../src/core/results/fitText';
import { applyTextEdits } from '../../../src/core/results/lineHunks';
import { phraseText } from '../../../src/views/format/phraseText';
import { phrase } from '../../../src/core/domain/phrase';

const file = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');

describe('planning an apply', () => {
  it('fits code to the document: its line ending, and a final newline only where there was one', () => {
    assert.equal(fitText('a\nb', 'x\r\ny\r\n'), 'a\r\nb\r\n');
    assert.equal(fitText('a\nb\n', 'x'), 'a\nb');
    assert.equal(fitText('a', ''), 'a');
  });

  it('an unchanged file gets the answer as hunks on the current text', () => {
    const proposed = `// top\n${file}`;
    const plan = planFileApply(file, file, proposed);
    assert.equal(plan.kind, 'apply');
    assert.ok(plan.kind === 'apply' && !plan.moved && applyTextEdits(file, plan.edits) === proposed);
  });

  it('a file changed elsewhere gets the hunks moved; one changed on the same lines is a conflict, nothing guessed', () => {
    const proposed = file.replace('line 20\n', 'line twenty\n');
    const movedPlan = planFileApply(file, `new first line\n${file}`, proposed);
    assert.ok(movedPlan.kind === 'apply' && movedPlan.moved && movedPlan.result === `new first line\n${proposed}`);
    const clash = planFileApply(file, file.replace('line 20\n', 'mine\n'), proposed);
    assert.deepEqual(clash, { kind: 'conflict', mapped: [], conflicts: 1, total: 1 });
    assert.deepEqual(planFileApply(undefined, file, proposed), { kind: 'noOriginal' });
    assert.deepEqual(planFileApply(file, file, file), { kind: 'unchanged' });
  });

  it('flags an answer much shorter than the file as a likely fragment', () => {
    assert.ok(looksLikeFragment(file, 'function x() {}\n'));
    assert.ok(!looksLikeFragment(file, file));
    assert.ok(!looksLikeFragment('a\nb\n', 'a\n'));
  });

  describe('replacing a selection', () => {
    const selected = 'line 12\nline 13\n';
    const start = file.indexOf(selected);
    const base: SelectionFacts = { current: file, original: selected, stored: { start, end: start + selected.length }, sameVersion: true, tracked: undefined };

    it('same version and same text: replaced where it was', () => {
      assert.deepEqual(planSelectionReplace(base), { kind: 'apply', start, end: start + selected.length, moved: false });
    });

    it('edited elsewhere: the tracked range moved with the edits, so it is replaced there', () => {
      const current = `inserted\n${file}`;
      const plan = planSelectionReplace({ ...base, current, sameVersion: false, tracked: { start: start + 9, end: start + 9 + selected.length, touched: false } });
      assert.deepEqual(plan, { kind: 'apply', start: start + 9, end: start + 9 + selected.length, moved: true });
    });

    it('edited inside the selection: a conflict, whatever the text search would find', () => {
      const plan = planSelectionReplace({ ...base, sameVersion: false, tracked: { ...base.stored, touched: true } });
      assert.equal(plan.kind, 'conflict');
    });

    it('without tracking (after a reload): found once → replaced there; gone or repeated → conflict', () => {
      const current = `x\n${file}`;
      assert.equal(planSelectionReplace({ ...base, current, sameVersion: false }).kind, 'apply');
      assert.equal(planSelectionReplace({ ...base, current: file.replace('line 13', 'LINE 13'), sameVersion: false }).kind, 'conflict');
      const twice = planSelectionReplace({ ...base, current: `${selected}${file}`, sameVersion: false });
      assert.ok(twice.kind === 'conflict');
      assert.deepEqual(twice.reason, phrase('result.selection.ambiguous', { count: 2 }));
      assert.equal(phraseText(twice.reason), 'the selected text now appears 2 times in the document');
      assert.equal(planSelectionReplace({ ...base, original: undefined }).kind, 'conflict');
    });
  });
});
