import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, textParts, untilAborted, USAGE_10_5, type Script } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words, advice } from '../helpers/phraseWords';

function setup(script: Script, opts: { concurrency?: number; idleTimeoutMs?: number; local?: boolean } = {}) {
  const clock = new ManualClock();
  const provider = new ScriptedProvider('p', script, opts.local ?? false);
  let n = 0;
  const diagnostics: string[] = [];
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock,
    newId: () => `t${++n}`,
    providers: (id) => (id === 'p' ? provider : undefined),
    priceBook: () => new PriceBook(),
    concurrency: opts.concurrency ?? 2,
    defaultTimeoutMs: 60_000,
    ...(opts.idleTimeoutMs !== undefined && { idleTimeoutMs: opts.idleTimeoutMs }),
    onDiagnostic: (m) => diagnostics.push(m),
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  return { clock, provider, engine, events, diagnostics };
}

const input = (prompt: string, extra: Partial<TaskInput> = {}): TaskInput => ({ title: prompt, prompt, providerId: 'p', model: 'gpt-4o-mini', ...extra });

async function* parts(list: StreamPart[]): AsyncIterable<StreamPart> {
  for (const p of list) yield p;
}

describe('TaskEngine', () => {
  it('runs a task to completion with output, usage and cost, events in contract order', async () => {
    const { engine, events } = setup(() => parts([...textParts('Hel', 'lo'), USAGE_10_5, { type: 'finish', reason: 'stop' }]));
    const task = engine.submit(input('hi'));
    await engine.whenIdle();
    const done = engine.get(task.id)!;
    assert.equal(done.status, 'completed');
    assert.equal(done.output, 'Hello');
    assert.deepEqual(done.usage, USAGE_10_5.type === 'usage' ? USAGE_10_5.usage : undefined);
    // gpt-4o-mini: 10 × 0.15 + 5 × 0.60 per 1M tokens
    assert.ok(Math.abs(done.costUsd! - (10 * 0.15 + 5 * 0.6) / 1e6) < 1e-15);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'started', 'progress', 'progress', 'usage', 'completed']);
  });

  it('estimates usage (flagged) when the provider reports none, so usage still precedes completion', async () => {
    const { engine, events } = setup(() => parts(textParts('abcdefgh')));
    const task = engine.submit(input('12345678'));
    await engine.whenIdle();
    const usageEvent = events.find((e) => e.type === 'usage');
    assert.ok(usageEvent && usageEvent.type === 'usage');
    assert.equal(usageEvent.usage.estimated, true);
    assert.equal(usageEvent.usage.outputTokens, 2);
    assert.equal(engine.get(task.id)!.status, 'completed');
  });

  it('a throwing usage listener does not change the task outcome', async () => {
    const { engine, diagnostics } = setup(() => parts([...textParts('x'), USAGE_10_5]));
    engine.events.on((e) => {
      if (e.type === 'usage') throw new Error('boom');
    });
    const task = engine.submit(input('hi'));
    await engine.whenIdle();
    assert.equal(engine.get(task.id)!.status, 'completed');
    assert.ok(diagnostics.some((d) => d.includes('boom')));
  });

  it('runs higher priority first and FIFO within a priority', async () => {
    const order: string[] = [];
    const { engine } = setup((req) => {
      order.push(req.prompt);
      return parts([USAGE_10_5]);
    }, { concurrency: 1 });
    engine.pause();
    engine.submit(input('low-1', { priority: 'low' }));
    engine.submit(input('normal-1'));
    engine.submit(input('urgent-1', { priority: 'urgent' }));
    engine.submit(input('normal-2'));
    engine.submit(input('high-1', { priority: 'high' }));
    engine.submit(input('urgent-2', { priority: 'urgent' }));
    await flush();
    assert.deepEqual(order, [], 'paused queue must not start anything');
    engine.resume();
    await engine.whenIdle();
    assert.deepEqual(order, ['urgent-1', 'urgent-2', 'high-1', 'normal-1', 'normal-2', 'low-1']);
  });

  it('changes concurrency live: raising the limit starts waiting tasks at once', async () => {
    const gate = new Gate();
    const { engine, provider } = setup(async function* () {
      await gate.promise;
      yield USAGE_10_5;
    }, { concurrency: 1 });
    for (let i = 0; i < 5; i++) engine.submit(input(`t${i}`));
    await flush();
    assert.equal(provider.inFlight, 1);
    engine.setConcurrency(3);
    await flush();
    assert.equal(provider.inFlight, 3);
    assert.equal(engine.counts().running, 3);
    gate.open();
    await engine.whenIdle();
    assert.equal(engine.counts().completed, 5);
    assert.equal(provider.maxInFlight, 3);
  });

  it('cancels a queued task without ever calling the provider', async () => {
    const gate = new Gate();
    const { engine, provider, events } = setup(async function* () {
      await gate.promise;
      yield USAGE_10_5;
    }, { concurrency: 1 });
    const first = engine.submit(input('first'));
    const second = engine.submit(input('second'));
    await flush();
    assert.equal(engine.cancel(second.id), true);
    gate.open();
    await engine.whenIdle();
    assert.equal(engine.get(second.id)!.status, 'cancelled');
    assert.equal(engine.get(first.id)!.status, 'completed');
    assert.deepEqual(provider.calls.map((c) => c.prompt), ['first']);
    assert.deepEqual(events.filter((e) => e.taskId === second.id).map((e) => e.type), ['queued', 'cancelled']);
  });

  it('cancels a running task by aborting its request, and never reports completion afterwards', async () => {
    const { engine, provider, events } = setup(async function* (_req, signal) {
      yield { type: 'text', text: 'partial' };
      await untilAborted(signal);
    });
    const task = engine.submit(input('slow'));
    await flush();
    assert.equal(engine.get(task.id)!.status, 'running');
    engine.cancel(task.id);
    await engine.whenIdle();
    assert.equal(provider.signals[0]!.aborted, true);
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'cancelled');
    assert.equal(t.output, 'partial');
    assert.deepEqual(events.filter((e) => e.taskId === task.id).map((e) => e.type).at(-1), 'cancelled');
    assert.equal(engine.cancel(task.id), false, 'a finished task cannot be cancelled again');
  });

  it('times out with code TIMEOUT, the limit named, and the partial output kept', async () => {
    const { engine, clock, provider } = setup(async function* (_req, signal) {
      yield { type: 'text', text: 'half an ans' };
      await untilAborted(signal);
    });
    const task = engine.submit(input('long', { timeoutMs: 5_000 }));
    await flush();
    clock.advance(4_999);
    await flush();
    assert.equal(engine.get(task.id)!.status, 'running');
    clock.advance(1);
    await engine.whenIdle();
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'failed');
    assert.equal(t.error!.code, 'TIMEOUT');
    assert.equal(t.error!.limit, 'total');
    assert.match(advice(t.error), /timeoutSeconds/);
    assert.equal(t.output, 'half an ans');
    assert.equal(provider.signals[0]!.aborted, true, 'the request itself must be aborted');
    assert.equal(t.usage?.estimated, true, 'partial usage is reported as an estimate');
  });

  it('fires the idle timeout when a stream stalls, but not while parts keep arriving; the stalled attempt is retried fresh', async () => {
    const gate = new Gate();
    let calls = 0;
    const { engine, clock, provider, events } = setup(async function* (_req, signal) {
      calls += 1;
      if (calls === 1) {
        yield { type: 'text', text: 'a' };
        await gate.promise;
        yield { type: 'text', text: 'b' };
        await untilAborted(signal);
      }
      yield* textParts('fresh');
      yield USAGE_10_5;
    }, { idleTimeoutMs: 1_000 });
    const task = engine.submit(input('stall'));
    await flush();
    clock.advance(900);
    gate.open();
    await flush();
    clock.advance(900);
    await flush();
    assert.equal(engine.get(task.id)!.status, 'running', 'a part arrived within the idle window');
    assert.equal(provider.signals[0]!.aborted, false);
    clock.advance(100);
    await flush();
    assert.equal(provider.signals[0]!.aborted, true, 'the stalled request itself is aborted');
    assert.match(words(engine.get(task.id)!.statusDetail), /^retrying in 1s \(attempt 2 of 3\): No data for 1s \(idle timeout\)$/);
    clock.advance(1_000);
    await engine.whenIdle();
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'completed');
    assert.equal(t.attempts, 2);
    assert.equal(t.output, 'fresh', 'the second attempt started clean');
    assert.ok(events.some((e) => e.taskId === task.id && e.type === 'progress' && e.restart === true));
  });

  it('when every attempt stalls, fails TIMEOUT naming the idle limit and keeps the last attempt\'s partial output', async () => {
    let calls = 0;
    const { engine, clock, provider } = setup(async function* (_req, signal) {
      calls += 1;
      yield { type: 'text', text: `part ${calls}` };
      await untilAborted(signal);
    }, { idleTimeoutMs: 1_000 });
    const task = engine.submit(input('stall'));
    for (let i = 0; i < 20; i++) {
      await flush();
      clock.advance(500);
    }
    await engine.whenIdle();
    const t = engine.get(task.id)!;
    assert.equal(provider.calls.length, 3);
    assert.equal(t.error?.code, 'TIMEOUT');
    assert.equal(t.error?.limit, 'idle');
    assert.equal(words(t.error?.reason), 'No data for 1s (idle timeout) on each of 3 attempts; the partial output was kept.');
    assert.equal(t.output, 'part 3');
  });

  it('classifies provider errors into failure classes with remediation', async () => {
    const { engine } = setup(async function* () {
      yield { type: 'text', text: '' };
      throw new ProviderError(verbatim('You exceeded your current quota'), { kind: 'http', providerId: 'p', status: 429, vendorCode: 'insufficient_quota' });
    });
    const task = engine.submit(input('q'));
    await engine.whenIdle();
    const t = engine.get(task.id)!;
    assert.equal(t.status, 'failed');
    assert.equal(t.error!.code, 'QUOTA_EXHAUSTED');
    assert.equal(t.error!.retryable, false);
    assert.equal(t.error!.status, 429);
  });

  it('fails clearly when the task names an unknown provider', async () => {
    const { engine } = setup(() => parts([]));
    const task = engine.submit({ ...input('x'), providerId: 'nope' });
    await engine.whenIdle();
    assert.equal(engine.get(task.id)!.error!.code, 'NOT_FOUND');
    assert.match(words(engine.get(task.id)!.error?.reason), /nope/);
  });

  it('retry creates a new task linked to the failed one and leaves history intact', async () => {
    let fail = true;
    const { engine } = setup(async function* () {
      if (fail) throw new ProviderError(verbatim('bad request'), { kind: 'http', providerId: 'p', status: 400 });
      yield* parts([...textParts('ok'), USAGE_10_5]);
    });
    const task = engine.submit(input('r'));
    await engine.whenIdle();
    fail = false;
    const again = engine.retry(task.id)!;
    await engine.whenIdle();
    assert.notEqual(again.id, task.id);
    assert.equal(again.retryOf, task.id);
    assert.equal(engine.get(task.id)!.status, 'failed');
    assert.equal(engine.get(again.id)!.status, 'completed');
    assert.equal(engine.retry(again.id), undefined, 'completed tasks are not retried');
  });

  it('local providers cost 0 and unknown models cost null (never a guess)', async () => {
    const local = setup(() => parts([USAGE_10_5]), { local: true });
    const a = local.engine.submit(input('x'));
    await local.engine.whenIdle();
    assert.equal(local.engine.get(a.id)!.costUsd, 0);
    const remote = setup(() => parts([USAGE_10_5]));
    const b = remote.engine.submit(input('x', { model: 'mystery-model-9' }));
    await remote.engine.whenIdle();
    assert.equal(remote.engine.get(b.id)!.costUsd, null);
  });
});
