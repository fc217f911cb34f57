import { strict as assert } from 'node:assert';
import type { StreamPart } from '../../../src/core/domain/chatProvider';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { responseCacheKey } from '../../../src/core/cache/responseCacheKey';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { ManualClock } from '../helpers/manualClock';
import { ScriptedProvider, textParts, USAGE_10_5 } from '../helpers/scriptedProvider';

async function* parts(): AsyncIterable<StreamPart> {
  yield* textParts('The answer');
  yield USAGE_10_5;
}

function setup() {
  const clock = new ManualClock();
  const provider = new ScriptedProvider('p', () => parts());
  const cache = new ResponseCache({
    clock,
    settings: () => ({ enabled: true, ttlMs: 3_600_000 }),
    keyOf: (r) => responseCacheKey({ providerId: r.providerId, endpoint: 'https://p.test', model: r.model, prompt: r.prompt, parameters: {} }),
    isSafe: () => true,
  });
  let n = 0;
  const engine = new TaskEngine({ clock, newId: () => `t${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 2, defaultTimeoutMs: 60_000, responseCache: cache });
  // The composition root stores answers from "completed" events, as here.
  engine.events.on((e) => {
    if (e.type === 'completed') cache.store(engine.get(e.taskId)!);
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  return { engine, provider, events };
}

describe('response cache in the engine', () => {
  it('answers a repeated request at once, unsent, with the full event sequence and its saving', async () => {
    const { engine, provider, events } = setup();
    const first = engine.submit({ title: 'q', prompt: 'q', providerId: 'p', model: 'gpt-4o-mini' });
    await engine.whenIdle();
    const paid = engine.get(first.id)!.costUsd!;
    assert.ok(paid > 0);
    events.length = 0;
    const again = engine.submit({ title: 'q', prompt: 'q', providerId: 'p', model: 'gpt-4o-mini' });
    assert.equal(again.status, 'completed', 'completed inside submit, never scheduled');
    assert.equal(provider.calls.length, 1, 'never sent');
    assert.equal(again.output, 'The answer');
    assert.deepEqual(again.cached, { savedUsd: paid, storedAt: engine.get(first.id)!.finishedAt });
    assert.equal(again.costUsd, 0);
    assert.equal(again.attempts, 0);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'started', 'progress', 'usage', 'completed']);
    const usage = events.find((e) => e.type === 'usage');
    assert.ok(usage?.type === 'usage' && usage.costUsd === 0, 'nothing is billed, so budgets count nothing');
  });

  it('Run Fresh (fresh: true) bypasses the cache and sends the request', async () => {
    const { engine, provider } = setup();
    engine.submit({ title: 'q', prompt: 'q', providerId: 'p', model: 'gpt-4o-mini' });
    await engine.whenIdle();
    const fresh = engine.submit({ title: 'q', prompt: 'q', providerId: 'p', model: 'gpt-4o-mini', fresh: true });
    await engine.whenIdle();
    assert.equal(provider.calls.length, 2);
    assert.equal(engine.get(fresh.id)!.cached, undefined);
  });
});
