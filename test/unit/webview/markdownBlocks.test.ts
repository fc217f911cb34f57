import * as assert from 'node:assert/strict';
import { stableBoundary } from '../../../webview-ui/markdownBlocks';
import { markdownToHtml } from '../../../webview-ui/markdownHtml';

/** Renders `text` the way the output view does while it streams in `step`-sized chunks. */
function renderStreamed(text: string, step: number): string {
  let committed = 0;
  let html = '';
  for (let end = step; end < text.length + step; end += step) {
    const shown = text.slice(0, Math.min(end, text.length));
    const cut = stableBoundary(shown, committed);
    if (cut > committed) html += markdownToHtml(shown.slice(committed, cut));
    committed = cut;
  }
  return html + markdownToHtml(text.slice(committed));
}

describe('stableBoundary', () => {
  it('cuts before a block that follows a blank line', () => {
    const text = '# Title\n\nFirst paragraph.\n\nSecond';
    assert.equal(stableBoundary(text, 0), text.indexOf('Second'));
    assert.equal(stableBoundary(text, text.indexOf('First')), text.indexOf('Second'));
  });

  it('does not cut without a blank line, or at the start', () => {
    assert.equal(stableBoundary('one\ntwo\nthree', 0), 0);
    assert.equal(stableBoundary('\n\nstart', 0), 2);
    assert.equal(stableBoundary('', 0), 0);
  });

  it('never cuts inside a fenced code block, even at blank lines', () => {
    const open = 'Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    assert.equal(stableBoundary(open, 0), open.indexOf('```'));
    const closed = `${open}\`\`\`\n\nAfter`;
    assert.equal(stableBoundary(closed, 0), closed.indexOf('After'));
    const tildes = 'x\n\n~~~~\n```\n\ny\n~~~~\n\nz';
    assert.equal(stableBoundary(tildes, 0), tildes.indexOf('z'));
  });

  it('does not cut before indented lines, which may continue a list item', () => {
    const text = '1. item\n\n    more of item one\n';
    assert.equal(stableBoundary(text, 0), 0);
  });

  it('renders streamed text like the whole text for typical answers', () => {
    const text = [
      '## Summary', '', 'Some **bold** text\nwith a break.', '', '```ts', 'const x = 1;', '', 'const y = 2;', '```', '',
      '| a | b |', '|---|---|', '| 1 | 2 |', '', '> quote', '', '- one', '- two', '', 'Done.',
    ].join('\n');
    const whole = markdownToHtml(text);
    for (const step of [1, 3, 7, 50]) assert.equal(renderStreamed(text, step), whole, `step ${step}`);
  });
});
