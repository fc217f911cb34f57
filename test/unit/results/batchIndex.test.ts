import { strict as assert } from 'node:assert';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { BatchIndex } from '../../../src/core/results/batchIndex';
import { ManualClock } from '../helpers/manualClock';
import { flush, ScriptedProvider, untilAborted, USAGE_10_5 } from '../helpers/scriptedProvider';

describe('batch index', () => {
  it('follows a batch through its tasks, a retry of a failed one, and removal', async () => {
    let n = 0;
    const provider = new ScriptedProvider('x', async function* (request, signal) {
      yield { type: 'text', text: 'partial' };
      if (request.prompt === 'p b') await untilAborted(signal);
      yield USAGE_10_5;
      yield { type: 'finish', reason: 'stop' };
    });
    const engine = new TaskEngine({ clock: new ManualClock(), newId: () => `t${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000 });
    const index = new BatchIndex(engine);
    await flush();
    const changes: string[] = [];
    index.onChange((id) => changes.push(id));
    const a = engine.submit({ title: 'a', prompt: 'p a', providerId: 'x', model: 'm', batchId: 'b1', batchKind: 'files' });
    const b = engine.submit({ title: 'b', prompt: 'p b', providerId: 'x', model: 'm', batchId: 'b1', batchKind: 'files' });
    engine.submit({ title: 'solo', prompt: 'p', providerId: 'x', model: 'm' });
    assert.deepEqual(index.batchIds(), ['b1']);
    assert.equal(index.summary('b1')?.total, 2);
    assert.ok(index.summary('b1')?.active);
    await flush();
    engine.cancel(b.id);
    await engine.whenIdle();
    assert.equal(engine.get(b.id)?.status, 'cancelled', JSON.stringify(engine.get(b.id)));
    assert.equal(index.summary('b1')?.cancelled, 1);
    const rerun = engine.retry(b.id);
    assert.equal(rerun?.batchId, 'b1', 'a retry stays in its batch');
    assert.equal(rerun?.batchKind, 'files');
    assert.deepEqual(index.summary('b1')?.members.map((t) => t.id), [a.id, rerun?.id]);
    assert.ok(changes.length > 0 && changes.every((id) => id === 'b1'));
    assert.ok(index.summary('b1')?.active);
    await flush();
    engine.cancelAll();
    await engine.whenIdle();
    assert.equal(index.summary('b1')?.active, false);
    // A rating is a history change, not a task event: the batch's listeners (its results view) hear of it.
    assert.equal(engine.get(a.id)?.status, 'completed');
    changes.length = 0;
    assert.ok(engine.rate(a.id, 'up'));
    assert.deepEqual(changes, ['b1']);
    engine.remove([a.id, b.id, rerun!.id]);
    assert.deepEqual(index.batchIds(), []);
  });
});
