import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/engine/retryPolicy';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

type Mode = 'down' | 'up' | 'badRequest';

function setup(opts: { maxAttempts?: number } = {}) {
  const clock = new ManualClock();
  const state = { mode: 'down' as Mode };
  const provider = new ScriptedProvider('p', async function* () {
    if (state.mode === 'down') throw new ProviderError(verbatim('HTTP 503 from P: overloaded'), { kind: 'http', providerId: 'p', status: 503 });
    if (state.mode === 'badRequest') throw new ProviderError(verbatim('HTTP 400 from P'), { kind: 'http', providerId: 'p', status: 400 });
    yield { type: 'text', text: 'ok' };
    yield USAGE_10_5;
  });
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock,
    newId: () => `t${++n}`,
    providers: (id) => (id === 'p' ? provider : undefined),
    priceBook: () => new PriceBook(),
    concurrency: 1,
    defaultTimeoutMs: 600_000,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: opts.maxAttempts ?? 1 },
    breaker: { failureThreshold: 3, coolDownMs: 10_000 },
    random: () => 0,
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  const changes: string[] = [];
  engine.onTaskChange((id) => changes.push(id));
  return { clock, provider, engine, events, state, changes };
}

const input = (prompt: string, extra: Partial<TaskInput> = {}): TaskInput => ({ title: prompt, prompt, providerId: 'p', model: 'm', ...extra });

async function openBreaker(engine: TaskEngine): Promise<void> {
  for (let i = 0; i < 3; i++) engine.submit(input(`fail${i}`));
  await engine.whenIdle();
}

describe('Circuit breaker in the engine', () => {
  it('after N provider failures, new tasks wait with a visible countdown instead of calling it, then run once a probe succeeds', async () => {
    const { engine, clock, provider, state, changes } = setup();
    await openBreaker(engine);
    assert.equal(provider.calls.length, 3);
    const waiting = engine.submit(input('waits'));
    const other = engine.submit(input('also waits'));
    await flush();
    assert.equal(provider.calls.length, 3, 'no call while the breaker is open');
    let t = engine.get(waiting.id)!;
    assert.equal(t.status, 'waiting', 'the head of the line waits for its provider');
    assert.equal(engine.get(other.id)!.status, 'queued', 'the task behind it waits for its turn');
    assert.equal(t.attempts, 0, 'waiting spends no attempt');
    assert.equal(words(t.statusDetail), 'waiting: provider unavailable, next probe in 10s');
    assert.ok(changes.includes(waiting.id), 'surfaces are told about the status line of a queued task');
    clock.advance(2_000);
    await flush();
    assert.equal(words(engine.get(waiting.id)!.statusDetail), 'waiting: provider unavailable, next probe in 8s');
    state.mode = 'up';
    clock.advance(8_000);
    await engine.whenIdle();
    t = engine.get(waiting.id)!;
    assert.equal(t.status, 'completed');
    assert.equal(t.attempts, 1);
    assert.equal(t.statusDetail, undefined);
    assert.equal(engine.get(other.id)!.status, 'completed');
    assert.equal(provider.calls.length, 5, 'one probe, then normal traffic');
  });

  it('lets only one probe through while half-open; a failed probe opens it for another cool-down', async () => {
    const { engine, clock, provider } = setup();
    await openBreaker(engine);
    const probe = engine.submit(input('probe'));
    const second = engine.submit(input('second'));
    await flush();
    clock.advance(10_000);
    await flush();
    assert.equal(provider.calls.length, 4, 'exactly one probe');
    assert.equal(engine.get(probe.id)!.status, 'failed');
    assert.equal(engine.get(second.id)!.status, 'waiting');
    assert.equal(words(engine.get(second.id)!.statusDetail), 'waiting: provider unavailable, next probe in 10s');
  });

  it('a task between attempts waits for the breaker without spending its remaining attempts', async () => {
    const { engine, clock, provider, state, events } = setup({ maxAttempts: 3 });
    const task = engine.submit(input('retrying'));
    await flush();
    // Attempt 1 failed; two more tasks fail during its backoff and open the breaker.
    engine.submit(input('f2', { priority: 'urgent' }));
    engine.submit(input('f3', { priority: 'urgent' }));
    for (let i = 0; i < 6; i++) {
      await flush();
      clock.advance(250);
    }
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'waiting', 'held by the breaker between attempts: waiting, not running');
    assert.match(words(t.statusDetail), /^waiting: provider unavailable, next probe in \d+s$/);
    const attemptsBefore = t.attempts;
    assert.ok(events.some((e) => e.taskId === task.id && e.type === 'progress' && words(e.detail).startsWith('waiting: provider unavailable')));
    state.mode = 'up';
    clock.advance(10_000);
    await engine.whenIdle();
    assert.equal(engine.get(task.id)!.status, 'completed');
    assert.equal(engine.get(task.id)!.attempts, attemptsBefore + 1);
    assert.ok(provider.calls.length <= 3 * 3);
  });

  it('cancelling a task during the breaker wait cancels the wait at once, with nothing left behind', async () => {
    const { engine, clock, provider, events } = setup();
    await openBreaker(engine);
    const task = engine.submit(input('cancel me'));
    await flush();
    assert.match(words(engine.get(task.id)!.statusDetail), /^waiting: provider unavailable/);
    assert.equal(engine.cancel(task.id), true);
    await engine.whenIdle();
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'cancelled');
    assert.equal(t.statusDetail, undefined);
    assert.deepEqual(events.filter((e) => e.taskId === task.id).map((e) => e.type), ['queued', 'cancelled']);
    assert.equal(clock.pendingTimers, 0, 'countdown and deadline timers are gone');
    clock.advance(60_000);
    await flush();
    assert.equal(provider.calls.length, 3, 'the cancelled task never calls the provider');
  });

  it('a queued task gives up with PROVIDER_UNAVAILABLE once the outage, not its own wait, reaches its time limit', async () => {
    const { engine, clock } = setup();
    await openBreaker(engine); // the outage starts at 0
    const early = engine.submit(input('early', { timeoutMs: 4_000 }));
    clock.advance(3_000);
    const late = engine.submit(input('late', { timeoutMs: 4_000 }));
    await flush();
    assert.equal(engine.get(late.id)!.status, 'queued');
    clock.advance(1_000);
    await engine.whenIdle();
    for (const task of [early, late]) {
      const t = engine.get(task.id)!;
      assert.equal(t.status, 'failed', `${t.title} waited ${t.title === 'late' ? 1 : 4}s into a 4s outage`);
      assert.equal(t.error!.code, 'PROVIDER_UNAVAILABLE');
      assert.equal(t.attempts, 0);
      assert.match(words(t.error?.reason), /unavailable for 4s .*\(last: HTTP 503 from P: overloaded\).*4s time limit; it was not sent/);
    }
    assert.equal(clock.pendingTimers, 0);
  });

  it('a deep queue outlives repeated short outages: each is measured on its own, not summed per task', async () => {
    const clock = new ManualClock();
    // After the 3 failures that open the breaker: a probe that succeeds, then 3 more failures
    // (a second outage), then the provider stays up.
    const outcomes = ['fail', 'fail', 'fail', 'ok', 'fail', 'fail', 'fail'];
    const provider = new ScriptedProvider('p', async function* () {
      if (outcomes.shift() === 'fail') throw new ProviderError(verbatim('HTTP 503 from P'), { kind: 'http', providerId: 'p', status: 503 });
      yield USAGE_10_5;
    });
    let n = 0;
    const engine = new TaskEngine({ providerDefaults: UNPACED,
      clock,
      newId: () => `t${++n}`,
      providers: () => provider,
      priceBook: () => new PriceBook(),
      concurrency: 1,
      defaultTimeoutMs: 600_000,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      breaker: { failureThreshold: 3, coolDownMs: 10_000 },
    });
    await openBreaker(engine);
    const queued = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'].map((tag) => engine.submit(input(tag, { timeoutMs: 15_000 })));
    await flush();
    clock.advance(10_000); // x1 probes and succeeds; x2–x4 fail and open the breaker again
    await flush();
    assert.deepEqual(queued.map((t) => engine.get(t.id)!.status), ['completed', 'failed', 'failed', 'failed', 'waiting', 'queued']);
    clock.advance(10_000); // x5 and x6 have now waited 20 s in all, through two 10 s outages
    await engine.whenIdle();
    assert.deepEqual(queued.slice(4).map((t) => engine.get(t.id)!.status), ['completed', 'completed']);
  });

  it('a queued task\'s time limit counts neither its wait for the provider nor its wait for a slot', async () => {
    const clock = new ManualClock();
    const state = { pDown: true };
    const gate = new Gate();
    const p = new ScriptedProvider('p', async function* () {
      if (state.pDown) throw new ProviderError(verbatim('HTTP 503 from P'), { kind: 'http', providerId: 'p', status: 503 });
      yield USAGE_10_5;
    });
    const q = new ScriptedProvider('q', async function* () {
      await gate.promise;
      yield USAGE_10_5;
    });
    let n = 0;
    const engine = new TaskEngine({ providerDefaults: UNPACED,
      clock,
      newId: () => `t${++n}`,
      providers: (id) => (id === 'p' ? p : id === 'q' ? q : undefined),
      priceBook: () => new PriceBook(),
      concurrency: 1,
      defaultTimeoutMs: 600_000,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      breaker: { failureThreshold: 3, coolDownMs: 10_000 },
    });
    await openBreaker(engine);
    const task = engine.submit(input('limited', { timeoutMs: 12_000 }));
    await flush();
    clock.advance(9_000);
    engine.submit({ title: 'blocker', prompt: 'blocker', providerId: 'q', model: 'm' });
    await flush();
    state.pDown = false;
    clock.advance(1_000);
    await flush();
    assert.equal(engine.get(task.id)!.status, 'queued', 'waiting for the slot the blocker holds');
    clock.advance(5_000);
    await flush();
    assert.equal(engine.get(task.id)!.status, 'queued', '10 s of provider wait + 5 s in the queue: still within 12 s');
    gate.open();
    await engine.whenIdle();
    assert.equal(engine.get(task.id)!.status, 'completed');
  });

  it('client errors (400, 401, quota) do not open the breaker', async () => {
    const { engine, provider, state } = setup();
    state.mode = 'badRequest';
    for (let i = 0; i < 5; i++) engine.submit(input(`bad${i}`));
    await engine.whenIdle();
    state.mode = 'up';
    const task = engine.submit(input('fine'));
    await engine.whenIdle();
    assert.equal(engine.get(task.id)!.status, 'completed');
    assert.equal(provider.calls.length, 6);
  });

  it('cancel all reaches tasks waiting for the breaker as well as queued and running ones', async () => {
    const { engine } = setup();
    await openBreaker(engine);
    const ids = [engine.submit(input('a')).id, engine.submit(input('b')).id];
    await flush();
    assert.equal(engine.cancelAll(), 2);
    await engine.whenIdle();
    assert.deepEqual(ids.map((id) => engine.get(id)!.status), ['cancelled', 'cancelled']);
  });
});
