import { strict as assert } from 'node:assert';
import { OpenAiCompatibleProvider, type OpenAiCompatibleOptions } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream } from './collectStream';
import { words } from '../helpers/phraseWords';

const PROMPT = 'Explain the difference between a queue and a stack';
const EXPECTED_TEXT = `Simulated reply to: ${PROMPT}`;

function providerFor(server: FakeOpenAiServer, extra: Partial<OpenAiCompatibleOptions> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({ id: 'test', label: 'Test server', baseUrl: server.baseUrl, local: true, getApiKey: async () => undefined, ...extra });
}

describe('OpenAiCompatibleProvider streaming (fake server, real sockets)', () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 1 });
  });
  afterEach(() => server.close());

  it('streams text in several parts, then usage, then finish', async () => {
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, EXPECTED_TEXT);
    assert.ok(result.parts.filter((p) => p.type === 'text').length > 3, 'text arrives in several chunks');
    assert.deepEqual(result.usage, { inputTokens: Math.ceil(PROMPT.length / 4), outputTokens: Math.ceil(EXPECTED_TEXT.length / 4), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
    assert.equal(result.finish, 'stop');
    assert.deepEqual(result.parts.slice(-2).map((p) => p.type), ['usage', 'finish']);
  });

  it('sends the request the reference describes (generic compatible server defaults)', async () => {
    await collectStream(providerFor(server).streamChat({ model: 'llama3.2', prompt: 'Hi', systemPrompt: 'Be terse.', maxOutputTokens: 64, temperature: 0.2 }, new AbortController().signal));
    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, {
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
      temperature: 0.2,
    });
  });

  it('uses the developer role and max_completion_tokens when configured, and omits unset fields', async () => {
    const provider = providerFor(server, { systemRole: 'developer', tokenParam: 'max_completion_tokens' });
    await collectStream(provider.streamChat({ model: 'gpt-4.1', prompt: 'Hi', systemPrompt: 'S', maxOutputTokens: 10 }, new AbortController().signal));
    await collectStream(provider.streamChat({ model: 'gpt-4.1', prompt: 'Hi' }, new AbortController().signal));
    const [withOptions, bare] = server.requests.map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(withOptions?.messages, [
      { role: 'developer', content: 'S' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.equal(withOptions?.max_completion_tokens, 10);
    assert.equal('max_tokens' in (withOptions ?? {}), false);
    assert.deepEqual(Object.keys(bare ?? {}).sort(), ['messages', 'model', 'stream', 'stream_options']);
  });

  it('can leave out stream_options for servers that reject it; then no usage arrives', async () => {
    const result = await collectStream(providerFor(server, { includeUsage: false }).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal('stream_options' in (server.requests[0]?.body as object), false);
    assert.equal(result.text, EXPECTED_TEXT);
    assert.equal(result.usage, undefined);
    assert.equal(result.finish, 'stop');
  });

  it('yields no usage part when the server sends none (usage is then unknown, not zero)', async () => {
    server.enqueue({ kind: 'reply', usage: false });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, EXPECTED_TEXT);
    assert.equal(result.parts.some((p) => p.type === 'usage'), false);
  });

  it('maps cached and reasoning tokens into disjoint input buckets; reasoning stays inside output', async () => {
    server.enqueue({ kind: 'reply', usage: { prompt_tokens: 1000, cached_tokens: 800, completion_tokens: 300, reasoning_tokens: 200 } });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
    assert.deepEqual(result.usage, { inputTokens: 200, cacheReadTokens: 800, cacheWriteTokens: 0, outputTokens: 300, reasoningTokens: 200, estimated: false });
  });

  it('ignores keep-alive comments and CRLF line endings', async () => {
    server.enqueue({ kind: 'reply', keepAlive: true, lineEnding: '\r\n' });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, EXPECTED_TEXT);
    assert.equal(result.finish, 'stop');
    assert.ok(result.usage);
  });

  it('handles events split across TCP writes and bare-CR line ends', async () => {
    const chunk = (content: string): string => JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const event = `data: ${chunk('Hello, ')}\r\rdata: ${chunk('world')}\r\r`;
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: [event.slice(0, 17), event.slice(17, 60), event.slice(60), 'data: [DO', 'NE]\r\r'], pieceDelayMs: 5 });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, 'Hello, world');
  });

  it('reports finish_reason "length" when max tokens cut the reply', async () => {
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT, maxOutputTokens: 3 }, new AbortController().signal));
    assert.equal(result.finish, 'length');
    assert.equal(result.text, EXPECTED_TEXT.slice(0, 12));
  });

  it('takes usage from whichever chunk carries it and never assumes choices[0] exists', async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
    const events = [
      { choices: [{ index: 0, delta: { role: 'assistant', content: 'A' }, finish_reason: null }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } },
      { choices: [], usage: null },
      { choices: null },
      {},
      { choices: [{ index: 0, delta: { content: 'B' }, finish_reason: 'stop' }], usage, timings: { prompt_n: 5 } },
    ];
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: [...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), 'data: [DONE]\n\n'] });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, 'AB');
    assert.equal(result.usage?.outputTokens, 2);
    assert.equal(result.parts.filter((p) => p.type === 'usage').length, 1, 'only the last usage is reported');
  });

  it('accepts a plain JSON completion when a server ignores stream: true', async () => {
    server.enqueue({ kind: 'reply', forceJson: true });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(result.error, undefined);
    assert.equal(result.text, EXPECTED_TEXT);
    assert.equal(result.usage?.inputTokens, Math.ceil(PROMPT.length / 4));
    assert.equal(result.finish, 'stop');
  });

  it('a 200 JSON answer that is an error object, or has no choices, fails the attempt instead of completing empty', async () => {
    server.enqueue(
      { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: [JSON.stringify({ error: { message: 'Upstream model failed', type: 'server_error' } })] },
      { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: ['{"id":"x","object":"chat.completion"}'] },
    );
    const errorBody = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(errorBody.error?.details.kind, 'stream');
    assert.equal(errorBody.error?.details.vendorType, 'server_error');
    assert.match(words(errorBody.error?.reason), /Test server reported an error mid-stream: Upstream model failed/);
    const noChoices = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(noChoices.error?.details.kind, 'protocol');
    assert.equal(noChoices.text, '');
  });

  it('yields a rateLimit part from x-ratelimit-* headers (Go durations) before any text', async () => {
    server.enqueue({
      kind: 'reply',
      headers: {
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-remaining-requests': '59',
        'x-ratelimit-limit-tokens': '150000',
        'x-ratelimit-remaining-tokens': '149984',
        'x-ratelimit-reset-requests': '1s',
        'x-ratelimit-reset-tokens': '6m0s',
      },
    });
    const result = await collectStream(providerFor(server).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.deepEqual(result.parts[0], {
      type: 'rateLimit',
      limits: { limitRequests: 60, remainingRequests: 59, limitTokens: 150000, remainingTokens: 149984, resetRequestsMs: 1000, resetTokensMs: 360000 },
    });
  });

  it('omits the Authorization header when there is no key, and sends Bearer when there is', async () => {
    await collectStream(providerFor(server).streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
    await collectStream(providerFor(server, { getApiKey: async () => '  sk-test-1234567890\n' }).streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
    assert.equal(server.requests[0]?.headers.authorization, undefined);
    assert.equal(server.requests[1]?.headers.authorization, 'Bearer sk-test-1234567890', 'a pasted key is trimmed');
  });

  it('works against the Ollama flavour (usage without *_details)', async () => {
    const ollama = await startFakeOpenAiServer({ flavor: 'ollama', chunkDelayMs: 0 });
    try {
      const result = await collectStream(providerFor(ollama).streamChat({ model: 'llama3.2', prompt: PROMPT }, new AbortController().signal));
      assert.equal(result.text, EXPECTED_TEXT);
      assert.deepEqual(result.usage, { inputTokens: Math.ceil(PROMPT.length / 4), outputTokens: Math.ceil(EXPECTED_TEXT.length / 4), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
    } finally {
      await ollama.close();
    }
  });

  it('lists models from GET /models', async () => {
    const withModels = await startFakeOpenAiServer({ models: ['a-model', 'b-model'] });
    try {
      const models = await providerFor(withModels).listModels(new AbortController().signal);
      assert.deepEqual(models, [{ id: 'a-model' }, { id: 'b-model' }]);
      assert.equal(withModels.requests[0]?.method, 'GET');
      assert.equal(withModels.requests[0]?.path, '/v1/models');
    } finally {
      await withModels.close();
    }
  });

  it('tolerates a trailing slash in the base URL', async () => {
    const result = await collectStream(providerFor(server, { baseUrl: `${server.baseUrl}/` }).streamChat({ model: 'm', prompt: PROMPT }, new AbortController().signal));
    assert.equal(result.text, EXPECTED_TEXT);
    assert.equal(server.requests[0]?.path, '/v1/chat/completions');
  });
});
