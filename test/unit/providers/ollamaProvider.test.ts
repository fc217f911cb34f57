import { strict as assert } from 'node:assert';
import { OllamaProvider } from '../../../src/providers/ollama/ollamaProvider';
import { startFakeOllamaServer, type FakeOllamaServer } from '../../fakes/fakeOllamaServer';
import { collectStream, expectStreamError } from './collectStream';
import { words } from '../helpers/phraseWords';

const PROMPT = 'Write a haiku about queues';
const REPLY = `Simulated reply to: ${PROMPT}`;
const tokens = (text: string): number => Math.ceil(text.length / 4);

describe('OllamaProvider, native API (fake server, real sockets)', () => {
  let server: FakeOllamaServer;
  let provider: OllamaProvider;
  const signal = (): AbortSignal => new AbortController().signal;
  beforeEach(async () => {
    server = await startFakeOllamaServer({ chunkDelayMs: 1 });
    provider = new OllamaProvider({ baseUrl: server.baseUrl, contextTokens: 8192 });
  });
  afterEach(() => server.close());

  it('streams NDJSON text, then usage from the final done line', async () => {
    const result = await collectStream(provider.streamChat({ model: 'llama3.2', prompt: PROMPT }, signal()));
    assert.equal(result.error, undefined);
    assert.equal(result.text, REPLY);
    assert.deepEqual(result.usage, { inputTokens: tokens(PROMPT), outputTokens: tokens(REPLY), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
    assert.equal(result.finish, 'stop');
  });

  it('sends num_predict, num_ctx and temperature as options, no Authorization without a key', async () => {
    const result = await collectStream(provider.streamChat({ model: 'llama3.2', prompt: PROMPT, systemPrompt: 'S', maxOutputTokens: 2, temperature: 0.3 }, signal()));
    const request = server.requests[0];
    assert.equal(request?.path, '/api/chat');
    assert.equal(request?.headers.authorization, undefined);
    assert.deepEqual(request?.body, {
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: PROMPT },
      ],
      stream: true,
      options: { temperature: 0.3, num_predict: 2, num_ctx: 8192 },
    });
    assert.equal(result.finish, 'length');
  });

  it('accepts a base URL ending in /v1 (the OpenAI-style address)', async () => {
    const v1 = new OllamaProvider({ baseUrl: `${server.baseUrl}/v1/` });
    const result = await collectStream(v1.streamChat({ model: 'llama3.2', prompt: PROMPT }, signal()));
    assert.equal(result.text, REPLY);
    assert.equal(server.requests[0]?.path, '/api/chat');
  });

  it('a mid-stream {"error": …} line → kind stream with the message', async () => {
    server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 1, message: 'model runner has unexpectedly stopped' } });
    const result = await collectStream(provider.streamChat({ model: 'llama3.2', prompt: PROMPT }, signal()));
    assert.equal(result.error?.details.kind, 'stream');
    assert.equal(words(result.error?.reason), 'Ollama reported an error mid-stream: model runner has unexpectedly stopped');
    assert.equal(result.text, 'Simulated ');
  });

  it('a body that ends without the done line → kind stream', async () => {
    server.enqueue({ kind: 'reply', truncateAfterChunks: 2 });
    const result = await collectStream(provider.streamChat({ model: 'llama3.2', prompt: PROMPT }, signal()));
    assert.equal(result.error?.details.kind, 'stream');
    assert.equal(result.usage, undefined);
  });

  it('a missing prompt_eval_count (cached prompt on old builds) → input estimated and flagged', async () => {
    server.enqueue({ kind: 'reply', omitPromptEvalCount: true });
    const result = await collectStream(provider.streamChat({ model: 'llama3.2', prompt: PROMPT }, signal()));
    assert.equal(result.usage?.estimated, true);
    assert.equal(result.usage?.inputTokens, tokens(PROMPT));
    assert.equal(result.usage?.outputTokens, tokens(REPLY));
  });

  it('404 {"error": "model … not found"} → kind http with the Ollama message', async () => {
    server.enqueue({ kind: 'error', status: 404 });
    const error = await expectStreamError(provider.streamChat({ model: 'llama9', prompt: PROMPT }, signal()));
    assert.equal(error.details.kind, 'http');
    assert.equal(error.details.status, 404);
    assert.equal(words(error.reason), 'HTTP 404 from Ollama: model "llama9" not found, try pulling it first');
  });

  it('aborting mid-stream → kind aborted, and the server sees the disconnect', async () => {
    const controller = new AbortController();
    const result = collectStream(provider.streamChat({ model: 'llama3.2', prompt: '[slow] story' }, controller.signal));
    setTimeout(() => controller.abort(), 100);
    assert.equal((await result).error?.details.kind, 'aborted');
    await server.waitForDisconnect(2000);
  });

  it('lists models from /api/tags', async () => {
    assert.deepEqual(await provider.listModels(signal()), [{ id: 'llama3.2:latest' }]);
    assert.equal(server.requests[0]?.path, '/api/tags');
  });

  it('a key, when given, is sent as Bearer (for authenticating proxies)', async () => {
    const keyed = new OllamaProvider({ baseUrl: server.baseUrl, getApiKey: async () => 'proxy-token-123' });
    await collectStream(keyed.streamChat({ model: 'llama3.2', prompt: 'x' }, signal()));
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer proxy-token-123');
  });
});
