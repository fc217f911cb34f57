// The retry rules end to end: the real OpenAI-compatible client against the fake server on a real
// socket, driven by the engine on a manual clock (the client reads real time only to turn an HTTP
// date into a delay).
import { strict as assert } from 'node:assert';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { ManualClock } from '../helpers/manualClock';
import { UNPACED } from '../helpers/unpacedProviders';
import { words } from '../helpers/phraseWords';

/** Polls until `condition` holds; real I/O needs real time, not a flush of the microtask queue. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Retries over HTTP (engine + real client + fake server)', () => {
  let server: FakeOpenAiServer;
  let clock: ManualClock;
  let engine: TaskEngine;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 1 });
    clock = new ManualClock();
    const provider = new OpenAiCompatibleProvider({ id: 'fake', label: 'Fake', baseUrl: server.baseUrl, local: true, getApiKey: async () => undefined });
    engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => 't1', providers: () => provider, priceBook: () => new PriceBook(), concurrency: 1, defaultTimeoutMs: 600_000, random: () => 0 });
  });
  afterEach(() => server.close());

  const submit = (): void => void engine.submit({ title: 't', prompt: 'hello', providerId: 'fake', model: 'fake-model' });

  it('waits out a Retry-After given as an HTTP date, then succeeds on a clean second attempt', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } });
    submit();
    await waitFor(() => engine.get('t1')!.statusDetail !== undefined, 'the countdown');
    assert.match(words(engine.get('t1')!.statusDetail), /^waiting: HTTP 429 from Fake: Rate limit reached.*; resending in (29|30)s \(attempt 2 of 4; a rate limit does not use up an attempt\)$/);
    clock.advance(28_000);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(server.requests.length, 1, 'no second request before the date');
    clock.advance(2_000);
    await engine.whenIdle();
    const t = engine.get('t1')!;
    assert.equal(t.status, 'completed');
    assert.equal(t.attempts, 2);
    assert.equal(server.requests.length, 2);
  });

  it('honours x-should-retry: false even on a 503', async () => {
    server.enqueue({ kind: 'error', status: 503, headers: { 'x-should-retry': 'false' } });
    submit();
    await engine.whenIdle();
    const t = engine.get('t1')!;
    assert.equal(t.error!.code, 'OVERLOADED');
    assert.equal(t.error!.retryable, false);
    assert.equal(server.requests.length, 1);
  });

  it('honours x-should-retry: true even on a 400', async () => {
    server.enqueue({ kind: 'error', status: 400, headers: { 'x-should-retry': 'true' } });
    submit();
    await waitFor(() => words(engine.get('t1')!.statusDetail).startsWith('retrying'), 'the countdown');
    clock.advance(500);
    await engine.whenIdle();
    assert.equal(engine.get('t1')!.status, 'completed');
    assert.equal(server.requests.length, 2);
  });
});
