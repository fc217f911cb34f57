import { strict as assert } from 'node:assert';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream } from './collectStream';
import { words } from '../helpers/phraseWords';
import { ProviderError } from '../../../src/core/domain/chatProvider';

describe('OpenAiCompatibleProvider cancellation (fake server, real sockets)', () => {
  let server: FakeOpenAiServer;
  let provider: OpenAiCompatibleProvider;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 1, slowChunkDelayMs: 200 });
    provider = new OpenAiCompatibleProvider({ id: 'test', label: 'Test server', baseUrl: server.baseUrl, local: true, getApiKey: async () => undefined });
  });
  afterEach(() => server.close());

  it('aborting mid-stream throws kind aborted promptly and the server sees the socket close', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const parts: string[] = [];
    let caught: unknown;
    try {
      for await (const part of provider.streamChat({ model: 'm', prompt: '[slow] long story' }, controller.signal)) {
        parts.push(part.type);
        if (part.type === 'text' && parts.filter((p) => p === 'text').length === 2) controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof Error && caught.name === 'ProviderError');
    assert.equal((caught as import('../../../src/core/domain/chatProvider').ProviderError).details.kind, 'aborted');
    const disconnect = await server.waitForDisconnect(2000);
    assert.equal(disconnect.path, '/v1/chat/completions');
    assert.ok(disconnect.eventsSent < 10, `stopped early (events sent: ${disconnect.eventsSent})`);
    assert.ok(Date.now() - started < 3000, 'did not wait for the slow stream to finish');
  });

  it('aborting while waiting for the next chunk interrupts the pending read', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await collectStream(provider.streamChat({ model: 'm', prompt: '[slow] x' }, controller.signal));
    assert.equal(result.error?.details.kind, 'aborted');
    assert.ok(Date.now() - started < 1000);
    await server.waitForDisconnect(2000);
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await collectStream(provider.streamChat({ model: 'm', prompt: 'x' }, controller.signal));
    assert.equal(result.error?.details.kind, 'aborted');
    assert.equal(server.requests.length, 0);
  });

  it('aborting a models request → kind aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(provider.listModels(controller.signal), (e: unknown) => e instanceof ProviderError && words(e.reason) === 'The request was cancelled.');
  });

  it('a consumer that stops iterating early also closes the socket', async () => {
    for await (const part of provider.streamChat({ model: 'm', prompt: '[slow] x' }, new AbortController().signal)) {
      if (part.type === 'text') break;
    }
    const disconnect = await server.waitForDisconnect(2000);
    assert.ok(disconnect.eventsSent < 5);
  });
});
