import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import type { ProviderLimitsById } from '../../../src/core/limits/providerLimits';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, USAGE_10_5, type Script } from '../helpers/scriptedProvider';

async function* parts(list: StreamPart[]): AsyncIterable<StreamPart> {
  for (const p of list) yield p;
}

function setup(scripts: Record<string, Script>, opts: { concurrency: number; limits: ProviderLimitsById }) {
  const clock = new ManualClock();
  const providers = new Map(Object.entries(scripts).map(([id, script]) => [id, new ScriptedProvider(id, script)]));
  const order: string[] = [];
  for (const provider of providers.values()) provider.calls.push = function (...items) {
    order.push(...items.map((r) => r.prompt));
    return Array.prototype.push.apply(this, items);
  };
  let n = 0;
  const engine = new TaskEngine({
    clock,
    newId: () => `t${++n}`,
    providers: (id) => providers.get(id),
    priceBook: () => new PriceBook(),
    concurrency: opts.concurrency,
    defaultTimeoutMs: 600_000,
    providerLimits: opts.limits,
    random: () => 0,
  });
  return { clock, engine, providers, order };
}

const input = (providerId: string, prompt: string, extra: Partial<TaskInput> = {}): TaskInput => ({ title: prompt, prompt, providerId, model: 'm', ...extra });
const ok: Script = () => parts([{ type: 'text', text: 'ok' }, USAGE_10_5]);

describe('Per-provider scheduling', () => {
  it('limits concurrency per provider on top of the global limit', async () => {
    const gate = new Gate();
    const held: Script = async function* () {
      await gate.promise;
      yield USAGE_10_5;
    };
    const { engine, providers } = setup({ a: held, b: held }, { concurrency: 10, limits: { a: { concurrency: 2 } } });
    for (let i = 0; i < 5; i++) engine.submit(input('a', `a${i}`));
    for (let i = 0; i < 5; i++) engine.submit(input('b', `b${i}`));
    await flush();
    assert.equal(providers.get('a')!.inFlight, 2);
    assert.equal(providers.get('b')!.inFlight, 5, 'the other provider is not held back');
    gate.open();
    await engine.whenIdle();
    assert.equal(providers.get('a')!.maxInFlight, 2);
    assert.equal(engine.counts().completed, 10);
  });

  it('a rate-limited provider never starves another: its tasks wait for budget outside the global slots', async () => {
    const { engine, clock, order } = setup({ a: ok, b: ok }, { concurrency: 1, limits: { a: { requestsPerMinute: 6 } } });
    for (let i = 1; i <= 3; i++) engine.submit(input('a', `a${i}`));
    for (let i = 1; i <= 3; i++) engine.submit(input('b', `b${i}`));
    await flush();
    assert.deepEqual(order, ['a1', 'b1', 'b2', 'b3'], 'b runs while a waits for its next request budget');
    assert.equal(engine.counts().queued, 2);
    clock.advance(10_000);
    await flush();
    assert.deepEqual(order.slice(4), ['a2']);
    clock.advance(10_000);
    await engine.whenIdle();
    assert.deepEqual(order.slice(4), ['a2', 'a3']);
  });

  it('a higher-priority task still goes first among tasks waiting for rate budget, also after a priority change', async () => {
    const { engine, clock, order } = setup({ a: ok }, { concurrency: 4, limits: { a: { requestsPerMinute: 6 } } });
    engine.submit(input('a', 'n1'));
    engine.submit(input('a', 'n2'));
    const low = engine.submit(input('a', 'low', { priority: 'low' }));
    engine.submit(input('a', 'n3'));
    await flush();
    engine.submit(input('a', 'urgent', { priority: 'urgent' }));
    assert.equal(engine.setPriority(low.id, 'high'), true);
    await flush();
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await flush();
    }
    await engine.whenIdle();
    assert.deepEqual(order, ['n1', 'urgent', 'low', 'n2', 'n3']);
    assert.equal(engine.get(low.id)!.priority, 'high');
    assert.equal(engine.setPriority(low.id, 'low'), false, 'only queued tasks can be moved');
  });

  it('paces tokens per minute with a chars/4 estimate and refunds the difference once usage is known', async () => {
    // 600 tokens/min = 10 tokens/s, a bucket of 10. Each prompt is 40 chars = 10 tokens; the
    // expected output starts at 256 tokens (nothing seen yet), so the first grant runs into debt.
    const { engine, clock, order } = setup({ a: ok }, { concurrency: 4, limits: { a: { tokensPerMinute: 600 } } });
    const prompt = (tag: string): string => tag.padEnd(40, '.');
    engine.submit(input('a', prompt('x1')));
    engine.submit(input('a', prompt('x2')));
    await flush();
    assert.equal(order.length, 1);
    // x1 really used 15 tokens (USAGE_10_5): 266 - 15 = 251 come back, leaving a debt of 5. x2 needs
    // its 10 + 5 (the output now expected) tokens: 1.5 s, instead of 26.6 s without the refund.
    clock.advance(1_499);
    await flush();
    assert.equal(order.length, 1);
    clock.advance(1);
    await engine.whenIdle();
    assert.equal(order.length, 2);
  });

  it('paces a provider nobody configured to the per-minute limit its headers advertise, starting from what they say is spent', async () => {
    // 120 RPM: 2 requests/s, so our half-second bucket holds 1. The server counts what is used
    // and not yet refilled, as OpenAI's x-ratelimit-* headers do.
    let used = 0;
    let lastAt = 0;
    let now = (): number => 0;
    const advertising: Script = () => {
      used = Math.max(0, used - (now() - lastAt) / 500) + 1;
      lastAt = now();
      return parts([{ type: 'rateLimit', limits: { limitRequests: 120, remainingRequests: Math.floor(120 - used), resetRequestsMs: Math.ceil(used * 500) } }, { type: 'text', text: 'ok' }, USAGE_10_5]);
    };
    const { engine, clock, order } = setup({ a: advertising }, { concurrency: 10, limits: {} });
    now = () => clock.now();
    lastAt = now();
    engine.submit(input('a', 'x1'));
    await engine.whenIdle();
    for (const tag of ['x2', 'x3', 'x4']) engine.submit(input('a', tag));
    await flush();
    assert.deepEqual(order, ['x1'], 'x1 spent the whole bucket, as its answer said');
    clock.advance(500);
    await flush();
    assert.deepEqual(order, ['x1', 'x2']);
    clock.advance(500);
    await flush();
    assert.deepEqual(order, ['x1', 'x2', 'x3']);
    clock.advance(500);
    await engine.whenIdle();
    assert.deepEqual(order, ['x1', 'x2', 'x3', 'x4']);
  });

  it('does not pace to a per-day count sent in the same headers', async () => {
    const perDay: Script = () => parts([{ type: 'rateLimit', limits: { limitRequests: 14_400, remainingRequests: 14_399, resetRequestsMs: 6_000 } }, USAGE_10_5]);
    const { engine, order } = setup({ a: perDay }, { concurrency: 10, limits: {} });
    engine.submit(input('a', 'x1'));
    await engine.whenIdle();
    for (const tag of ['x2', 'x3', 'x4']) engine.submit(input('a', tag));
    await engine.whenIdle();
    assert.deepEqual(order, ['x1', 'x2', 'x3', 'x4'], 'all ran without waiting for the clock');
  });

  it('halves a provider\'s concurrency on a 429 and holds new requests for its retry-after', async () => {
    const gates = [new Gate(), new Gate(), new Gate(), new Gate()];
    let calls = 0;
    const script: Script = async function* () {
      const call = ++calls;
      if (call === 4) throw new ProviderError('slow down', { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 2_000 });
      await (gates[call - 1] ?? gates[3]!).promise;
      yield USAGE_10_5;
    };
    const { engine, clock, providers } = setup({ a: script }, { concurrency: 10, limits: { a: { concurrency: 4 } } });
    for (let i = 0; i < 8; i++) engine.submit(input('a', `a${i}`));
    await flush();
    const provider = providers.get('a')!;
    assert.equal(provider.inFlight, 3, 'the fourth answered 429');
    clock.advance(2_000);
    gates[0]!.open();
    await flush();
    // 4 were in flight at the 429, so the limit is 2; with 2 still running nothing new may start
    // (the old limit of 4 would have started two more).
    assert.equal(provider.calls.length, 4);
    assert.equal(provider.inFlight, 2);
    gates.forEach((g) => g.open());
    await flush();
    clock.advance(10_000);
    await engine.whenIdle();
    assert.equal(engine.counts().completed, 8);
  });

  it('a 429\'s retry-after holds every request to that provider, not only the retried one', async () => {
    let calls = 0;
    const script: Script = async function* () {
      calls += 1;
      if (calls === 1) throw new ProviderError('slow down', { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 5_000 });
      yield USAGE_10_5;
    };
    const { engine, clock, providers } = setup({ a: script, b: ok }, { concurrency: 1, limits: {} });
    engine.submit(input('a', 'first'));
    await flush();
    engine.submit(input('a', 'second'));
    engine.submit(input('b', 'other'));
    await flush();
    assert.equal(providers.get('a')!.calls.length, 1, 'a is held');
    assert.equal(providers.get('b')!.calls.length, 1, 'b is not');
    clock.advance(5_000);
    await engine.whenIdle();
    assert.equal(engine.counts().completed, 3);
  });

  it('a retry goes ahead of new work of its own priority, never ahead of a higher priority', async () => {
    const gate = new Gate();
    let failedOnce = false;
    const script: Script = async function* (request) {
      if (request.prompt === 'retried' && !failedOnce) {
        failedOnce = true;
        throw new ProviderError('HTTP 500', { kind: 'http', providerId: 'a', status: 500 });
      }
      if (request.prompt === 'blocker') await gate.promise;
      yield USAGE_10_5;
    };
    const { engine, clock, order } = setup({ a: script }, { concurrency: 1, limits: {} });
    engine.submit(input('a', 'retried'));
    await flush();
    engine.submit(input('a', 'blocker'));
    await flush();
    engine.submit(input('a', 'new-normal'));
    engine.submit(input('a', 'new-high', { priority: 'high' }));
    clock.advance(1_000);
    await flush();
    gate.open();
    await engine.whenIdle();
    assert.deepEqual(order, ['retried', 'blocker', 'new-high', 'retried', 'new-normal']);
  });
});
