import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { TaskLogEntry } from '../../../src/core/engine/taskLog';
import { ManualClock } from '../helpers/manualClock';
import { flush, ScriptedProvider, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

type Step = (attempt: number) => AsyncIterable<StreamPart>;

function setup(step: Step) {
  const clock = new ManualClock();
  let attempt = 0;
  const provider = new ScriptedProvider('p', () => step(++attempt));
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock,
    newId: () => 't1',
    providers: () => provider,
    priceBook: () => new PriceBook(),
    concurrency: 1,
    defaultTimeoutMs: 600_000,
    random: () => 0,
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  return { clock, provider, engine, events };
}

const rateLimited = (retryAfterMs?: number): ProviderError =>
  new ProviderError(verbatim('Rate limit reached'), { kind: 'http', providerId: 'p', status: 429, ...(retryAfterMs !== undefined && { retryAfterMs }) });

describe('TaskEngine retries', () => {
  it('waits the server-requested delay with a visible countdown, then succeeds on a clean restart', async () => {
    const { engine, clock, events, provider } = setup(async function* (attempt) {
      yield { type: 'text', text: attempt === 1 ? 'doomed ' : 'good' };
      if (attempt === 1) throw rateLimited(3_000);
      yield USAGE_10_5;
    });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    const detail = words(engine.get('t1')!.statusDetail);
    assert.equal(detail, 'waiting: Rate limit reached; resending in 3s (attempt 2 of 4; a rate limit does not use up an attempt)');
    assert.equal(engine.get('t1')!.status, 'waiting');
    clock.advance(1_000);
    await flush();
    assert.match(words(engine.get('t1')!.statusDetail), /resending in 2s/);
    assert.equal(provider.calls.length, 1, 'no new attempt before the delay is over');
    clock.advance(2_000);
    await engine.whenIdle();
    const t = engine.get('t1')!;
    assert.equal(t.status, 'completed');
    assert.equal(t.attempts, 2);
    assert.equal(t.output, 'good', 'output of the failed attempt is discarded, not concatenated');
    const restart = events.find((e) => e.type === 'progress' && e.restart);
    assert.ok(restart, 'a restart event tells surfaces to clear the output');
    assert.deepEqual(events.filter((e) => e.type !== 'progress').map((e) => e.type), ['queued', 'started', 'usage', 'completed']);
  });

  it('does not retry a non-retryable class (insufficient_quota)', async () => {
    const { engine, provider } = setup(async function* () {
      yield* [];
      throw new ProviderError(verbatim('quota'), { kind: 'http', providerId: 'p', status: 429, vendorCode: 'insufficient_quota' });
    });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await engine.whenIdle();
    assert.equal(provider.calls.length, 1);
    assert.equal(engine.get('t1')!.error!.code, 'QUOTA_EXHAUSTED');
  });

  it('gives up after maxAttempts with the last failure class', async () => {
    const { engine, clock, provider } = setup(async function* () {
      yield* [];
      throw new ProviderError(verbatim('boom'), { kind: 'http', providerId: 'p', status: 500 });
    });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    for (let i = 0; i < 5; i++) {
      await flush();
      clock.advance(10_000);
    }
    await engine.whenIdle();
    assert.equal(provider.calls.length, 3);
    const t = engine.get('t1')!;
    assert.equal(t.error!.code, 'SERVER_ERROR');
    assert.equal(t.attempts, 3);
  });

  it('cancelling during the backoff wait cancels the wait and starts no further attempt', async () => {
    const { engine, clock, provider, events } = setup(async function* () {
      yield* [];
      throw rateLimited(30_000);
    });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    assert.match(words(engine.get('t1')!.statusDetail), /resending in 30s/);
    engine.cancel('t1');
    await engine.whenIdle();
    clock.advance(60_000);
    await flush();
    assert.equal(engine.get('t1')!.status, 'cancelled');
    assert.equal(provider.calls.length, 1);
    assert.equal(events.at(-1)!.type, 'cancelled');
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
  });

  it('the total timeout spans attempts and waits', async () => {
    const clock = new ManualClock();
    const provider = new ScriptedProvider('p', async function* () {
      yield { type: 'text', text: 'x' };
      throw rateLimited(50_000);
    });
    const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => 't1', providers: () => provider, priceBook: () => new PriceBook(), concurrency: 1, defaultTimeoutMs: 20_000, random: () => 0 });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    clock.advance(20_000);
    await engine.whenIdle();
    const t = engine.get('t1')!;
    assert.equal(t.error!.code, 'TIMEOUT');
    assert.equal(t.error!.limit, 'total');
    assert.equal(t.output, 'x');
  });

  it('a failure records the status of the attempt that failed, never an earlier attempt\'s', async () => {
    const { engine, clock } = setup(async function* (attempt) {
      if (attempt === 1) throw new ProviderError(verbatim('Service unavailable'), { kind: 'http', providerId: 'p', status: 503 });
      yield { type: 'text', text: 'partial' };
      throw new ProviderError(verbatim('The connection was lost before the response finished (ECONNRESET).'), { kind: 'network', providerId: 'p' });
    });
    engine.setRetryPolicy({ maxAttempts: 2, baseDelayMs: 500, maxBackoffMs: 8_000, maxWaitMs: 60_000 });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    clock.advance(1_000);
    await engine.whenIdle();
    const t = engine.get('t1')!;
    assert.equal(t.attempts, 2);
    assert.equal(t.error!.code, 'NETWORK');
    assert.equal(t.error!.status, undefined, 'the 503 belonged to attempt 1');
  });

  it('logs each attempt and each failure with the task id, the attempt, the class, the status and the request id', async () => {
    const clock = new ManualClock();
    let attempt = 0;
    const provider = new ScriptedProvider('p', async function* () {
      attempt += 1;
      if (attempt === 1) throw new ProviderError(verbatim('HTTP 429 from P: slow down'), { kind: 'http', providerId: 'p', status: 429, retryAfterMs: 2_000, requestId: 'req_abc123' });
      yield USAGE_10_5;
    });
    const lines: TaskLogEntry[] = [];
    const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => 't1', providers: () => provider, priceBook: () => new PriceBook(), concurrency: 1, defaultTimeoutMs: 60_000, random: () => 0, onTaskLog: (e) => lines.push(e) });
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    clock.advance(2_000);
    await engine.whenIdle();
    assert.ok(lines.every((l) => l.taskId === 't1'));
    assert.deepEqual(lines.map((l) => l.attempt), [1, 1, 2]);
    const failed = lines[1]!;
    assert.equal(failed.level, 'warn');
    assert.match(words(failed.message), /^failed \(RATE_LIMITED, HTTP 429, request req_abc123\): HTTP 429 from P: slow down; back in line for the provider/);
  });
});
