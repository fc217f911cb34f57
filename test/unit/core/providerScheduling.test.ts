import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import type { ProviderLimitsById } from '../../../src/core/limits/providerLimits';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, USAGE_10_5, type Script } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

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
  const engine = new TaskEngine({ providerDefaults: UNPACED,
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
    assert.equal(engine.counts().waiting, 1, 'a2 is held by its provider\'s rate');
    assert.equal(engine.counts().queued, 1, 'a3 waits for its turn behind it');
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

  it('a 429 lowers the provider\'s rate, not its concurrency: the refused request goes back in its place and is resent first', async () => {
    // The provider refuses the 4th request with a 200 ms retry-after (one request's refill time of
    // a 5/s token bucket) and OpenAI-style headers saying the request budget is spent. Requests
    // must then leave 200 ms apart, however many are in flight.
    let calls = 0;
    const gate = new Gate();
    const script: Script = async function* (request) {
      calls += 1;
      if (calls === 4) throw new ProviderError(verbatim('slow down'), { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 200, rateLimits: { remainingRequests: 0, resetRequestsMs: 1_000 } });
      await gate.promise;
      yield { type: 'text', text: request.prompt };
      yield USAGE_10_5;
    };
    const { engine, clock, providers, order } = setup({ a: script }, { concurrency: 50, limits: {} });
    for (let i = 0; i < 12; i++) engine.submit(input('a', `a${i}`));
    await flush();
    const provider = providers.get('a')!;
    assert.equal(provider.calls.length, 12, 'unpaced until the first 429');
    assert.equal(provider.inFlight, 11);
    assert.equal(engine.pacing('a').source, 'learned');
    assert.equal(engine.pacing('a').requestsPerSecond, 5);
    assert.equal(engine.get('t4')!.status, 'waiting');
    clock.advance(199);
    await flush();
    assert.equal(provider.calls.length, 12, 'held for the retry-after');
    clock.advance(1);
    await flush();
    assert.equal(provider.calls.length, 13);
    assert.equal(order[12], 'a3', 'the refused request goes again before anything newer');
    assert.equal(provider.inFlight, 12, 'no request was taken off the wire: concurrency was never halved');
    gate.open();
    await engine.whenIdle();
    assert.equal(engine.counts().completed, 12);
  });

  it('a lone 429 without rate-limit headers holds the provider for its retry-after but does not lower its rate', async () => {
    let calls = 0;
    const script: Script = async function* () {
      calls += 1;
      if (calls === 2) throw new ProviderError(verbatim('busy'), { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 500 });
      yield USAGE_10_5;
    };
    const { engine, clock, providers } = setup({ a: script }, { concurrency: 50, limits: {} });
    for (let i = 0; i < 20; i++) engine.submit(input('a', `a${i}`));
    await flush();
    assert.equal(engine.pacing('a').source, 'none', 'one refusal among twenty sends shows no rate limit');
    assert.equal(engine.pacing('a').requestsPerSecond, Infinity);
    clock.advance(500);
    await engine.whenIdle();
    assert.equal(providers.get('a')!.calls.length, 21);
  });

  it('slow start: a remote provider with unknown limits starts at a few requests a second and grows by half each busy second until a 429', async () => {
    const clock = new ManualClock();
    const provider = new ScriptedProvider('r', ok);
    let n = 0;
    const engine = new TaskEngine({ clock, newId: () => `t${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 100, defaultTimeoutMs: 600_000, random: () => 0, providerDefaults: { startRequestsPerSecond: 4 } });
    for (let i = 0; i < 100; i++) engine.submit(input('r', `r${i}`));
    await flush();
    assert.equal(provider.calls.length, 4, 'a burst of one second\'s worth');
    const sentAfter = async (ms: number): Promise<number> => {
      for (let t = 0; t < ms; t += 50) {
        clock.advance(50);
        await flush();
      }
      return provider.calls.length;
    };
    const first = await sentAfter(1_000);
    const second = await sentAfter(1_000);
    const third = await sentAfter(1_000);
    assert.ok(first >= 7 && first <= 9, `about 4 more in the first second, sent ${first}`);
    assert.ok(second - first >= 5 && second - first <= 7, `6 a second in the second second: ${second - first}`);
    assert.ok(third - second >= 8 && third - second <= 10, `9 a second in the third: ${third - second}`);
    assert.equal(engine.pacing('r').source, 'starting');
    await sentAfter(5_000);
    await engine.whenIdle();
  });

  it('a local server gets a few requests at once by default, and the setting raises it', async () => {
    const gate = new Gate();
    const held: Script = async function* () {
      await gate.promise;
      yield USAGE_10_5;
    };
    const clock = new ManualClock();
    const local = new ScriptedProvider('l', held, true);
    let n = 0;
    const engine = new TaskEngine({ clock, newId: () => `t${++n}`, providers: () => local, priceBook: () => new PriceBook(), concurrency: 64, defaultTimeoutMs: 600_000 });
    for (let i = 0; i < 10; i++) engine.submit(input('l', `l${i}`));
    await flush();
    assert.equal(local.inFlight, 4);
    engine.setProviderLimits({ l: { concurrency: 8 } });
    await flush();
    assert.equal(local.inFlight, 8);
    gate.open();
    await engine.whenIdle();
  });

  it('a 429 with rate-limit headers holds every request to that provider for its retry-after, not only the retried one', async () => {
    let calls = 0;
    const script: Script = async function* () {
      calls += 1;
      if (calls === 1) throw new ProviderError(verbatim('slow down'), { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 5_000, rateLimits: { remainingRequests: 0 } });
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

  it('a bare whole-second retry-after holds only the refused request: it waits it out, the others go on', async () => {
    let calls = 0;
    const script: Script = async function* () {
      calls += 1;
      if (calls === 1) throw new ProviderError(verbatim('slow down'), { kind: 'http', providerId: 'a', status: 429, retryAfterMs: 2_000 });
      yield USAGE_10_5;
    };
    const { engine, clock, providers, order } = setup({ a: script }, { concurrency: 1, limits: {} });
    const first = engine.submit(input('a', 'first'));
    await flush();
    engine.submit(input('a', 'second'));
    await flush();
    assert.deepEqual(order, ['first', 'second'], 'the provider is not held');
    assert.equal(engine.get(first.id)!.status, 'waiting');
    assert.match(words(engine.get(first.id)!.statusDetail), /resending in 2s/);
    clock.advance(1_999);
    await flush();
    assert.equal(providers.get('a')!.calls.length, 2, 'the refused request waits its own retry-after');
    clock.advance(1);
    await engine.whenIdle();
    assert.deepEqual(order, ['first', 'second', 'first']);
  });

  it('a retry goes ahead of new work of its own priority, never ahead of a higher priority', async () => {
    const gate = new Gate();
    let failedOnce = false;
    const script: Script = async function* (request) {
      if (request.prompt === 'retried' && !failedOnce) {
        failedOnce = true;
        throw new ProviderError(verbatim('HTTP 500'), { kind: 'http', providerId: 'a', status: 500 });
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
