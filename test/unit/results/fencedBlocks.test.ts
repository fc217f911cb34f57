import { strict as assert } from 'node:assert';
import { blockLabel, chooseAnswer, describeChoice } from '../../../src/core/results/answerChoice';
import { fenceLanguage, fencedBlocks } from '../../../src/core/results/fencedBlocks';
import { phraseText } from '../../../src/views/format/phraseText';
import { phrase } from '../../../src/core/domain/phrase';

describe('fenced code blocks of an answer', () => {
  it('finds each block with its language and exact code', () => {
    const md = 'Here:\n\n```ts\nconst a = 1;\n\nexport { a };\n```\n\nAnd:\n~~~python\nprint("x")\n~~~\n';
    const blocks = fencedBlocks(md);
    assert.deepEqual(blocks.map((b) => [b.language, b.code, b.lineCount, b.closed]), [
      ['ts', 'const a = 1;\n\nexport { a };', 3, true],
      ['python', 'print("x")', 1, true],
    ]);
  });

  it('a longer fence holds a shorter one, and only its own kind closes it', () => {
    const md = '````markdown\n```js\nx\n```\n~~~\n````';
    const [block] = fencedBlocks(md);
    assert.equal(block?.code, '```js\nx\n```\n~~~');
    assert.equal(fencedBlocks(md).length, 1);
  });

  it('an answer cut off inside a block still yields it, marked as not closed', () => {
    const [block] = fencedBlocks('```go\nfunc main() {\n');
    assert.equal(block?.closed, false);
    assert.equal(block?.code, 'func main() {\n');
  });

  it('indented fences lose their indentation from the code; CRLF answers work', () => {
    assert.equal(fencedBlocks('  ```\r\n  a\r\n    b\r\n  ```')[0]?.code, 'a\n  b');
  });

  it('inline triple backticks with backticks in the info string are not a fence', () => {
    assert.deepEqual(fencedBlocks('```not `a` fence\nx'), []);
  });

  it('reads the language from common info strings', () => {
    assert.equal(fenceLanguage('TypeScript:src/a.ts'), 'typescript');
    assert.equal(fenceLanguage('{.python}'), 'python');
    assert.equal(fenceLanguage('ts title="x"'), 'ts');
    assert.equal(fenceLanguage(''), '');
  });

  it('chooses the one block, asks among several, falls back to the whole answer, and says which', () => {
    const one = chooseAnswer('Text\n```rust\nfn x() {}\n```');
    assert.equal(one.kind, 'block');
    assert.ok(one.kind === 'block' && phraseText(describeChoice(one)) === 'its code block (rust)');
    const several = chooseAnswer('```a\n1\n```\n```b\n2\n```');
    assert.equal(several.kind, 'several');
    const picked = chooseAnswer('```a\n1\n```\n```b\n2\n```', 1);
    assert.ok(picked.kind === 'block' && phraseText(describeChoice(picked)) === 'code block 2 of 2 (b)' && picked.block.code === '2');
    assert.ok(picked.kind === 'block');
    assert.deepEqual(describeChoice(picked), phrase('result.choice.blockOfLanguage', { index: 2, of: 2, language: 'b', cut: '' }));
    const whole = chooseAnswer('  just text \n');
    assert.deepEqual(whole, { kind: 'whole', text: 'just text' });
    assert.ok(several.kind === 'several' && phraseText(blockLabel(several.blocks[0]!)) === '1 · a · 1 line — 1');
    const cut = chooseAnswer('```\nx\ny\n');
    assert.ok(cut.kind === 'block' && phraseText(describeChoice(cut)) === 'its code block, cut off before its end');
    assert.ok(cut.kind === 'block' && phraseText(blockLabel(cut.block)) === '1 · plain text · 3 lines — x');
    assert.equal(phraseText(describeChoice({ kind: 'whole', text: 'x' })), 'the whole answer (it has no code block)');
  });
});
