// An output longer than the store keeps is cut, and says so at its end: the task's output when it
// is read back, a workflow step's output when it is written. The marker is a phrase the adapter puts
// into words (activate() passes phraseText); without one, src/core writes the phrase's id, not English.
import { strict as assert } from 'node:assert';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { phraseText } from '../../../src/views/format/phraseText';
import { task } from '../helpers/taskFixture';

const LONG = 'x'.repeat(1_300);

describe('an output cut by the history store', () => {
  const step = { name: 'draft', parts: [{ text: 'Draft' }], status: 'completed' as const, output: LONG, attempts: 1 };
  const original = task('cut', { output: LONG, steps: [step] });

  it('ends with the marker in words, the number of characters dropped included', () => {
    const stored = toStoredTask(original, { savedAt: 1, maxOutputChars: 100, words: phraseText });
    assert.equal(stored.outputDroppedChars, 1_200);
    assert.equal(stored.steps?.[0]?.output, `${'x'.repeat(100)}\n\n[… 1,200 more characters were not kept in the task history]`);
    const back = fromStoredTask(parseStoredTask(JSON.parse(JSON.stringify(stored)))!, phraseText);
    assert.equal(back.output, `${'x'.repeat(100)}\n\n[… 1,200 more characters were not kept in the task history]`);
  });

  it('writes no English of its own when no adapter writes the marker', () => {
    const stored = toStoredTask(original, { savedAt: 1, maxOutputChars: 100 });
    assert.equal(fromStoredTask(parseStoredTask(JSON.parse(JSON.stringify(stored)))!).output, `${'x'.repeat(100)}\n\n[history.outputCut(1200)]`);
    assert.equal(stored.steps?.[0]?.output, `${'x'.repeat(100)}\n\n[history.outputCut(1200)]`);
  });
});
