import { strict as assert } from 'node:assert';
import { promptForSelection, titleFromPrompt } from '../../../src/core/launch/promptText';

describe('prompt text', () => {
  it('titles are one line and at most 60 characters', () => {
    assert.equal(titleFromPrompt('  explain\n\nthis   please '), 'explain this please');
    const long = titleFromPrompt('x'.repeat(200));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
  });

  it('fences the selection with more backticks than it contains', () => {
    const prompt = promptForSelection('Explain', 'a ``` b', 'markdown');
    assert.ok(prompt.startsWith('Explain\n\n````markdown\na ``` b\n````'));
  });
});
