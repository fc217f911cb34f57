// What the engine makes of a configuration error and of a connection lost mid-stream, with the
// real client on real sockets and a manual clock: a base URL that is not a URL fails each task in
// one attempt, and however many tasks fail that way the provider's circuit breaker stays closed
// (the measured bug: three attempts each, then later tasks stalled behind an open breaker). A
// connection lost after the 200 is a network failure: retried, and the retry completes.
import { strict as assert } from 'node:assert';
import type { ChatProvider } from '../../../src/core/domain/chatProvider';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { ManualClock } from '../helpers/manualClock';
import { words, advice } from '../helpers/phraseWords';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const SETTING = 'aiTaskQueue.providers.lmstudio.baseUrl';

describe('Configuration and mid-stream network failures in the engine (real client, real sockets)', () => {
  let server: FakeOpenAiServer;
  let clock: ManualClock;
  let provider: ChatProvider;
  let engine: TaskEngine;
  const useBaseUrl = (baseUrl: string): void => {
    provider = new OpenAiCompatibleProvider({ id: 'lmstudio', label: 'LM Studio', baseUrl, local: true, getApiKey: async () => undefined, baseUrlSetting: SETTING });
  };
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 1 });
    clock = new ManualClock();
    useBaseUrl(server.baseUrl);
    let n = 0;
    engine = new TaskEngine({
      clock,
      newId: () => `t${++n}`,
      providers: () => provider,
      priceBook: () => new PriceBook(),
      concurrency: 1,
      defaultTimeoutMs: 600_000,
      random: () => 0,
      breaker: { failureThreshold: 3, coolDownMs: 30_000 },
    });
  });
  afterEach(() => server.close());

  const submit = (): string => engine.submit({ title: 't', prompt: 'hello', providerId: 'lmstudio', model: 'fake-model' }).id;

  it('"not a url" fails each task in one attempt as CONFIG, and six of them leave the breaker closed', async () => {
    useBaseUrl('not a url');
    const ids = Array.from({ length: 6 }, submit);
    await waitFor(() => ids.every((id) => engine.get(id)?.status === 'failed'), 'six failed tasks (no retry waits on the manual clock)');
    for (const id of ids) {
      const task = engine.get(id)!;
      assert.equal(task.attempts, 1);
      assert.equal(task.error?.code, 'CONFIG');
      assert.equal(task.error?.retryable, false);
      assert.equal(words(task.error?.reason), `The base URL of LM Studio is not a valid URL. Set "${SETTING}" to an http:// or https:// address.`);
      assert.match(advice(task.error), new RegExp(`^Fix "${SETTING.replace(/\./g, '\\.')}"`));
    }

    // Fixed: the next task goes straight through, without waiting out a cool-down.
    useBaseUrl(server.baseUrl);
    const good = submit();
    await waitFor(() => engine.get(good)?.status === 'completed', 'the next task to complete with the breaker closed');
    assert.equal(server.requests.length, 1);
  });

  it('a connection lost after the 200 is NETWORK: retried, and the fresh attempt completes', async () => {
    server.enqueue({ kind: 'reply', truncate: { afterChunks: 2 }, truncateBy: 'destroy' });
    const id = submit();
    await waitFor(() => words(engine.get(id)?.statusDetail).startsWith('retrying'), 'the retry countdown');
    assert.match(words(engine.get(id)!.statusDetail), /^retrying in 1s \(attempt 2 of 3\): The connection to .* was lost before the response finished/);
    clock.advance(500);
    await waitFor(() => engine.get(id)?.status === 'completed', 'the second attempt to complete');
    const task = engine.get(id)!;
    assert.equal(task.attempts, 2);
    assert.deepEqual(task.retriedFailures, ['NETWORK']);
    assert.equal(task.output, 'Simulated reply to: hello');
  });
});
