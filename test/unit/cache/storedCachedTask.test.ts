import { strict as assert } from 'node:assert';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { task, usage } from '../helpers/taskFixture';

describe('a cached task in the history', () => {
  it('keeps "cached" (what it saved, when the answer was stored) across a save and a load', () => {
    const original = task('c', { usage: usage(0, 0), costUsd: 0, cached: { savedUsd: 0.0123, storedAt: 42 } });
    const stored = parseStoredTask(JSON.parse(JSON.stringify(toStoredTask(original, { savedAt: 1 }))));
    assert.ok(stored, 'the stored record does not parse');
    assert.deepEqual(fromStoredTask(stored).cached, { savedUsd: 0.0123, storedAt: 42 });
    const unpriced = parseStoredTask({ ...stored, cached: { savedUsd: null, storedAt: 42 } });
    assert.equal(unpriced?.cached?.savedUsd, null);
  });
});
