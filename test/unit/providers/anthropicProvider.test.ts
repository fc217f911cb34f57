import { strict as assert } from 'node:assert';
import { AnthropicProvider } from '../../../src/providers/anthropic/anthropicProvider';
import { anthropicRateLimitHeaders } from '../../fakes/anthropicRateLimitHeaders';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { collectStream, expectStreamError } from './collectStream';
import { words } from '../helpers/phraseWords';
import { ProviderError } from '../../../src/core/domain/chatProvider';

const PROMPT = 'Name three rivers';
const REPLY = `Simulated reply to: ${PROMPT}`;
const tokens = (text: string): number => Math.ceil(text.length / 4);

describe('AnthropicProvider (fake server, real sockets)', () => {
  let server: FakeAnthropicServer;
  let provider: AnthropicProvider;
  const signal = (): AbortSignal => new AbortController().signal;
  beforeEach(async () => {
    server = await startFakeAnthropicServer({ chunkDelayMs: 1 });
    provider = new AnthropicProvider({ baseUrl: server.baseUrl, getApiKey: async () => server.apiKey });
  });
  afterEach(() => server.close());

  it('streams text (skipping ping and unknown events), then usage and the stop reason', async () => {
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(result.error, undefined);
    assert.equal(result.text, REPLY);
    assert.deepEqual(result.usage, { inputTokens: tokens(PROMPT), outputTokens: tokens(REPLY), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
    assert.equal(result.finish, 'end_turn');
  });

  it('sends x-api-key, anthropic-version 2023-06-01, a default max_tokens and a top-level system prompt', async () => {
    await collectStream(provider.streamChat({ model: 'fake-claude', prompt: 'Hi', systemPrompt: 'Be terse.', temperature: 1 }, signal()));
    const request = server.requests[0];
    assert.equal(request?.path, '/v1/messages');
    assert.equal(request?.headers['x-api-key'], server.apiKey);
    assert.equal(request?.headers['anthropic-version'], '2023-06-01');
    assert.equal(request?.headers.authorization, undefined);
    assert.deepEqual(request?.body, { model: 'fake-claude', max_tokens: 4096, system: 'Be terse.', messages: [{ role: 'user', content: 'Hi' }], stream: true, temperature: 1 });
  });

  it('counts input tokens with POST /v1/messages/count_tokens: the body without max_tokens or stream', async () => {
    const counted = await provider.countInputTokens({ model: 'fake-claude', prompt: PROMPT, systemPrompt: 'Be terse.', maxOutputTokens: 50 }, signal());
    assert.equal(counted, tokens(`Be terse.${PROMPT}`));
    const request = server.requests[0];
    assert.equal(request?.path, '/v1/messages/count_tokens');
    assert.equal(request?.headers['x-api-key'], server.apiKey);
    assert.deepEqual(request?.body, { model: 'fake-claude', system: 'Be terse.', messages: [{ role: 'user', content: PROMPT }] });
  });

  it('a count_tokens error is a ProviderError without the key in its message', async () => {
    const keyless = new AnthropicProvider({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-ant-wrong-key-123456' });
    await assert.rejects(keyless.countInputTokens({ model: 'fake-claude', prompt: PROMPT }, signal()), (error: unknown) => error instanceof ProviderError && !words(error.reason).includes('sk-ant-wrong'));
  });

  it('honours maxOutputTokens (stop reason max_tokens)', async () => {
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT, maxOutputTokens: 3 }, signal()));
    assert.equal((server.requests[0]?.body as { max_tokens: number }).max_tokens, 3);
    assert.equal(result.finish, 'max_tokens');
  });

  it('keeps cache read/write as separate buckets and prefers cumulative counts from message_delta', async () => {
    server.enqueue({ kind: 'reply', usage: { input_tokens: 25, cache_read_input_tokens: 100, cache_creation_input_tokens: 50, output_tokens: 15 }, cumulativeUsageInDelta: true });
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.deepEqual(result.usage, { inputTokens: 25, cacheReadTokens: 100, cacheWriteTokens: 50, outputTokens: 15, reasoningTokens: 0, estimated: false });
  });

  it('message_delta overrides message_start counts (not added)', async () => {
    const events = [
      ['message_start', { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'x', usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: null } } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } }],
      ['message_delta', { type: 'message_delta', delta: {}, usage: { output_tokens: 9, input_tokens: 12 } }],
      ['message_stop', { type: 'message_stop' }],
    ] as const;
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: events.map(([name, data]) => `event: ${name}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`) });
    const result = await collectStream(provider.streamChat({ model: 'x', prompt: 'x' }, signal()));
    assert.equal(result.text, 'ok', 'thinking is not answer text');
    assert.equal(result.usage?.inputTokens, 12);
    assert.equal(result.usage?.outputTokens, 9);
    assert.equal(result.finish, 'end_turn');
  });

  it('event: error (overloaded) after 200 → kind stream with vendorType, keeping text and usage so far', async () => {
    server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 2 } });
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(result.error?.details.kind, 'stream');
    assert.equal(result.error?.details.vendorType, 'overloaded_error');
    assert.match(words(result.error?.reason), /mid-stream: Overloaded/);
    assert.equal(result.text, 'Simulated reply ');
    assert.equal(result.usage?.inputTokens, tokens(PROMPT));
  });

  it('429 with retry-after and anthropic-ratelimit-* headers (RFC 3339 resets)', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '12', ...anthropicRateLimitHeaders(Date.now(), 30_000) } });
    const error = await expectStreamError(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(error.details.kind, 'http');
    assert.equal(error.details.status, 429);
    assert.equal(error.details.vendorType, 'rate_limit_error');
    assert.equal(error.details.retryAfterMs, 12_000);
    assert.equal(error.details.requestId, 'req_fake0');
    const limits = error.details.rateLimits;
    assert.equal(limits?.remainingRequests, 49);
    assert.equal(limits?.limitTokens, 100000);
    assert.ok((limits?.resetTokensMs ?? 0) > 25_000 && (limits?.resetTokensMs ?? 0) <= 30_000);
  });

  it('yields a rateLimit part from the headers of a successful stream', async () => {
    server.enqueue({ kind: 'reply', headers: anthropicRateLimitHeaders() });
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(result.parts[0]?.type, 'rateLimit');
  });

  for (const [status, type] of [
    [529, 'overloaded_error'],
    [500, 'api_error'],
    [400, 'invalid_request_error'],
    [402, 'billing_error'],
    [404, 'not_found_error'],
  ] as const) {
    it(`HTTP ${status} → kind http with vendorType ${type}`, async () => {
      server.enqueue({ kind: 'error', status });
      const error = await expectStreamError(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
      assert.equal(error.details.status, status);
      assert.equal(error.details.vendorType, type);
    });
  }

  it('a wrong key → 401 authentication_error, and the key never appears in the error', async () => {
    const wrongKey = 'sk-ant-wrong-key-123456789';
    const wrong = new AnthropicProvider({ baseUrl: server.baseUrl, getApiKey: async () => wrongKey });
    const error = await expectStreamError(wrong.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(error.details.status, 401);
    assert.equal(error.details.vendorType, 'authentication_error');
    assert.equal(`${words(error.reason)}${JSON.stringify(error.details)}`.includes(wrongKey), false);
  });

  it('no key → kind auth telling the user to run Set API Key, without a request', async () => {
    const keyless = new AnthropicProvider({ baseUrl: server.baseUrl, getApiKey: async () => undefined });
    const error = await expectStreamError(keyless.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(error.details.kind, 'auth');
    assert.match(words(error.reason), /AI Tasks: Set API Key…/);
    assert.equal(server.requests.length, 0);
  });

  it('a stream that ends before message_stop → kind stream', async () => {
    server.enqueue({ kind: 'reply', truncate: 'beforeStop' });
    const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: PROMPT }, signal()));
    assert.equal(result.error?.details.kind, 'stream');
    assert.ok(result.usage, 'usage delivered before the cut is kept');
  });

  it('aborting mid-stream → kind aborted, and the server sees the disconnect', async () => {
    const controller = new AbortController();
    const result = collectStream(provider.streamChat({ model: 'fake-claude', prompt: '[slow] story' }, controller.signal));
    setTimeout(() => controller.abort(), 100);
    assert.equal((await result).error?.details.kind, 'aborted');
    await server.waitForDisconnect(2000);
  });

  it('lists models with display names', async () => {
    assert.deepEqual(await provider.listModels(signal()), [{ id: 'fake-claude', label: 'Fake fake-claude' }]);
    assert.equal(server.requests[0]?.path, '/v1/models?limit=1000');
  });
});
