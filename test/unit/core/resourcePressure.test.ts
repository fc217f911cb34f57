import { strict as assert } from 'node:assert';
import { ResourcePressure, type ResourceSample } from '../../../src/core/limits/resourcePressure';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { phrase } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

const GB = 1024 ** 3;
const sample = (delayMs: number, heapShare = 0.3): ResourceSample => ({ eventLoopDelayP99Ms: delayMs, heapUsedBytes: heapShare * 4 * GB, heapLimitBytes: 4 * GB });

describe('Resource pressure (event-loop delay and heap, with hysteresis)', () => {
  it('enters after two bad samples in a row, names why, and leaves after three good ones', () => {
    const pressure = new ResourcePressure();
    assert.equal(pressure.observe(sample(400)), undefined, 'one slow frame is not pressure');
    assert.equal(pressure.observe(sample(20)), undefined);
    assert.equal(pressure.observe(sample(400)), undefined);
    assert.deepEqual(pressure.observe(sample(410)), { underPressure: true, reason: phrase('pressure.eventLoop', { ms: 410 }) });
    assert.equal(words(pressure.current.reason), 'event loop delayed 410 ms');
    assert.equal(pressure.observe(sample(120)), undefined, 'between the thresholds: still under pressure');
    assert.equal(pressure.observe(sample(20)), undefined);
    assert.equal(pressure.observe(sample(20)), undefined);
    assert.deepEqual(pressure.observe(sample(20)), { underPressure: false });
  });

  it('a heap near its limit is pressure too', () => {
    const pressure = new ResourcePressure();
    pressure.observe(sample(10, 0.9));
    assert.deepEqual(pressure.observe(sample(10, 0.91)), { underPressure: true, reason: phrase('pressure.heap', { percent: 91 }) });
    assert.equal(words(pressure.current.reason), 'heap 91 % of its limit');
  });

  it('under pressure the engine starts no new task, lets a started one go on, and starts again once it lifts', async () => {
    const clock = new ManualClock();
    const gate = new Gate();
    const provider = new ScriptedProvider('p', async function* (request) {
      if (request.prompt === 'held') await gate.promise;
      yield USAGE_10_5;
    });
    let n = 0;
    const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `t${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000, random: () => 0 });
    const states: (string | undefined)[] = [];
    engine.onQueueState((s) => states.push(s.throttled && words(s.throttled)));
    const held = engine.submit({ title: 'held', prompt: 'held', providerId: 'p', model: 'm' });
    await flush();
    engine.setThrottled(phrase('pressure.eventLoop', { ms: 410 }));
    const later = engine.submit({ title: 'later', prompt: 'later', providerId: 'p', model: 'm' });
    await flush();
    assert.equal(engine.get(held.id)!.status, 'running', 'a running task goes on');
    assert.equal(engine.get(later.id)!.status, 'queued', 'a new one does not start');
    assert.equal(words(engine.queueState.throttled), 'event loop delayed 410 ms');
    gate.open();
    await flush();
    assert.equal(engine.get(held.id)!.status, 'completed');
    assert.equal(engine.get(later.id)!.status, 'queued', 'a freed slot is not given to a new task either');
    engine.setThrottled(undefined);
    await engine.whenIdle();
    assert.equal(engine.get(later.id)!.status, 'completed');
    assert.deepEqual(states, ['event loop delayed 410 ms', undefined]);
  });
});
