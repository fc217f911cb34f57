// Contract: the official openai SDK, pointed at our fake, must parse every fake response exactly
// as it parses the real service's. If the fake's wire format drifts, these fail.
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import { OPENAI_ERROR_CASES } from '../fakes/openAiFaultMatrix';

const PROMPT = 'Summarize the plot of Hamlet';
const REPLY = `Simulated reply to: ${PROMPT}`;
const tokens = (text: string): number => Math.ceil(text.length / 4);

describe('contract: openai SDK ⇄ fake OpenAI server', () => {
  let server: FakeOpenAiServer;
  let client: OpenAI;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 0 });
    client = new OpenAI({ apiKey: 'sk-contract', baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  const ask = { model: 'gpt-4.1', messages: [{ role: 'user' as const, content: PROMPT }] };

  it('streams chunks with include_usage: text, one usage chunk with choices [], usage null elsewhere', async () => {
    const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), REPLY);
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id && c.model === 'gpt-4.1'));
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, tokens(PROMPT));
    assert.equal(last?.usage?.completion_tokens, tokens(REPLY));
    assert.equal(last?.usage?.total_tokens, tokens(PROMPT) + tokens(REPLY));
    assert.equal(last?.usage?.prompt_tokens_details?.cached_tokens, 0);
    assert.equal(last?.usage?.completion_tokens_details?.reasoning_tokens, 0);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
  });

  it('streams no usage at all without include_usage', async () => {
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((c) => c.usage === undefined && c.choices.length === 1));
  });

  it('the stream helper accumulates the same completion and usage (cached + reasoning details)', async () => {
    server.enqueue({ kind: 'reply', usage: { prompt_tokens: 1000, cached_tokens: 800, completion_tokens: 300, reasoning_tokens: 200 } });
    const stream = client.chat.completions.stream({ ...ask, stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    assert.equal(final.choices[0]?.message.content, REPLY);
    assert.equal(final.choices[0]?.finish_reason, 'stop');
    assert.equal(final.usage?.prompt_tokens, 1000);
    assert.equal(final.usage?.prompt_tokens_details?.cached_tokens, 800);
    assert.equal(final.usage?.completion_tokens_details?.reasoning_tokens, 200);
  });

  it('answers a non-streaming request with a chat.completion and usage', async () => {
    const { data, response, request_id } = await client.chat.completions.create({ ...ask, max_completion_tokens: 3 }).withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.choices[0]?.message.content, REPLY.slice(0, 12));
    assert.equal(data.choices[0]?.finish_reason, 'length');
    assert.equal(data.usage?.completion_tokens, 3);
    assert.equal(request_id, 'req_fake_0');
    assert.equal(response.status, 200);
  });

  it('keep-alive comments and CRLF line endings parse to the same text', async () => {
    server.enqueue({ kind: 'reply', keepAlive: true, lineEnding: '\r\n' });
    const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, REPLY);
    assert.equal(usage?.prompt_tokens, tokens(PROMPT));
  });

  it('exposes x-ratelimit-* headers on the response', async () => {
    server.enqueue({ kind: 'reply', headers: { 'x-ratelimit-remaining-tokens': '149984', 'x-ratelimit-reset-tokens': '6m0s' } });
    const { response } = await client.chat.completions.create({ ...ask, stream: true }).withResponse();
    await response.body?.cancel();
    assert.equal(response.headers.get('x-ratelimit-remaining-tokens'), '149984');
    assert.equal(response.headers.get('x-ratelimit-reset-tokens'), '6m0s');
  });

  for (const c of OPENAI_ERROR_CASES) {
    it(`${c.name} → ${c.sdkClass} with status, type, code and request id`, async () => {
      server.enqueue(c.script);
      const error = await client.chat.completions.create({ ...ask, stream: true }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof OpenAI.APIError, String(error));
      assert.equal(error.constructor.name, c.sdkClass);
      assert.equal(error.status, c.status);
      assert.equal(error.type, c.type);
      assert.equal(error.code, c.code);
      assert.equal(error.requestID, 'req_fake_0');
    });
  }

  it('retries a 429 after retry-after-ms, sending x-stainless-retry-count', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-contract', baseURL: server.baseUrl, maxRetries: 1 });
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '20' } });
    const data = await retrying.chat.completions.create(ask);
    assert.equal(data.choices[0]?.message.content, REPLY);
    assert.deepEqual(server.requests.map((r) => r.headers['x-stainless-retry-count']), ['0', '1']);
  });

  it('does not retry when x-should-retry: false', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-contract', baseURL: server.baseUrl, maxRetries: 2 });
    server.enqueue({ kind: 'error', status: 500, headers: { 'x-should-retry': 'false' } });
    await assert.rejects(retrying.chat.completions.create(ask), OpenAI.InternalServerError);
    assert.equal(server.requests.length, 1);
  });

  it('a mid-stream {"error": …} chunk throws APIError (no status) with the vendor type', async () => {
    server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 1, error: { message: 'The server had an error', type: 'server_error', code: null } } });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().then(
      () => assert.fail('expected a mid-stream error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, undefined);
    assert.equal(error.type, 'server_error');
    assert.match(error.message, /The server had an error/);
    assert.equal(text, 'Simulated ');
  });

  it('a stream cut before the usage chunk gives the SDK the text but no usage (our client flags it)', async () => {
    server.enqueue({ kind: 'reply', truncate: 'beforeUsage' });
    const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let sawUsage = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      sawUsage ||= Boolean(chunk.usage);
    }
    assert.equal(text, REPLY);
    assert.equal(sawUsage, false);
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['fake-model']);
  });

  it('sends the Bearer key the fake checks', async () => {
    const strict = await startFakeOpenAiServer({ apiKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: strict.baseUrl, maxRetries: 0 });
      await assert.rejects(wrong.chat.completions.create(ask), OpenAI.AuthenticationError);
      const right = new OpenAI({ apiKey: 'sk-right', baseURL: strict.baseUrl, maxRetries: 0 });
      assert.equal((await right.chat.completions.create(ask)).choices[0]?.message.content, REPLY);
    } finally {
      await strict.close();
    }
  });
});
