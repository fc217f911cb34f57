// Contract: the official @anthropic-ai/sdk, pointed at our fake, must parse every fake response
// exactly as it parses the real API's. If the fake's wire format drifts, these fail.
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicRateLimitHeaders } from '../fakes/anthropicRateLimitHeaders';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../fakes/fakeAnthropicServer';

const PROMPT = 'Name three rivers';
const SYSTEM = 'Be terse.';
const REPLY = `Simulated reply to: ${PROMPT}`;
const tokens = (text: string): number => Math.ceil(text.length / 4);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected an error'),
    (e: unknown) => e,
  );
}

describe('contract: @anthropic-ai/sdk ⇄ fake Anthropic server', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;
  beforeEach(async () => {
    server = await startFakeAnthropicServer({ chunkDelayMs: 0 });
    client = new Anthropic({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  const ask = { model: 'fake-claude', max_tokens: 1024, system: SYSTEM, messages: [{ role: 'user' as const, content: PROMPT }] };

  it('streams the event sequence (with ping and an unknown event) into text and final usage', async () => {
    const stream = client.messages.stream(ask);
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    assert.equal(text, REPLY);
    assert.equal(final.content.length, 1);
    assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : undefined, REPLY);
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.input_tokens, tokens(SYSTEM + PROMPT));
    assert.equal(final.usage.output_tokens, tokens(REPLY));
    assert.equal(final.usage.cache_read_input_tokens, 0);
    const request = server.requests[0];
    // SDK 1.x sends its own API version and the key as Bearer; our client pins 2023-06-01 + x-api-key.
    assert.ok(request?.headers['anthropic-version']);
    assert.equal(request?.headers.authorization, `Bearer ${server.apiKey}`);
  });

  it('raw stream events: message_start usage, cumulative message_delta usage, unknown event passed through', async () => {
    server.enqueue({ kind: 'reply', usage: { input_tokens: 25, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 }, cumulativeUsageInDelta: true });
    const stream = await client.messages.create({ ...ask, stream: true });
    const types: string[] = [];
    let start: Anthropic.Messages.Usage | undefined;
    let delta: Anthropic.Messages.MessageDeltaUsage | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'message_start') start = event.message.usage;
      if (event.type === 'message_delta') delta = event.usage;
    }
    assert.equal(types[0], 'message_start');
    assert.equal(types.at(-1), 'message_stop');
    assert.ok(types.includes('future_event_type'), 'unknown events reach the raw iterator');
    assert.equal(types.includes('ping'), false, 'the SDK drops ping');
    assert.equal(start?.input_tokens, 25);
    assert.equal(start?.cache_read_input_tokens, 100);
    assert.equal(start?.cache_creation_input_tokens, 50);
    assert.equal(delta?.output_tokens, tokens(REPLY));
    assert.equal(delta?.input_tokens, 25);
    assert.equal(delta?.cache_read_input_tokens, 100);
  });

  it('answers a non-streaming request with a message and usage', async () => {
    const { data, request_id } = await client.messages.create({ ...ask, max_tokens: 3 }).withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.content[0]?.type === 'text' ? data.content[0].text : undefined, REPLY.slice(0, 12));
    assert.equal(data.stop_reason, 'max_tokens');
    assert.equal(data.usage.output_tokens, 3);
    assert.equal(request_id, 'req_fake0');
  });

  it('count_tokens returns input_tokens', async () => {
    const counted = await client.messages.countTokens({ model: 'fake-claude', system: SYSTEM, messages: [{ role: 'user', content: PROMPT }] });
    assert.equal(counted.input_tokens, tokens(SYSTEM + PROMPT));
  });

  it('lists models', async () => {
    const models: string[] = [];
    for await (const model of client.models.list()) models.push(`${model.id}|${model.display_name}`);
    assert.deepEqual(models, ['fake-claude|Fake fake-claude']);
  });

  it('a wrong x-api-key → AuthenticationError with authentication_error', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: server.baseUrl, maxRetries: 0 });
    const error = await rejection(wrong.messages.create(ask));
    assert.ok(error instanceof Anthropic.AuthenticationError);
    assert.equal(error.status, 401);
    assert.equal(error.type, 'authentication_error');
  });

  it('a missing max_tokens → BadRequestError naming the field', async () => {
    const { max_tokens: _omit, ...withoutMax } = ask;
    const error = await rejection(client.messages.create(withoutMax as unknown as Anthropic.Messages.MessageCreateParamsNonStreaming));
    assert.ok(error instanceof Anthropic.BadRequestError);
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /max_tokens: Field required/);
  });

  it('a missing anthropic-version → 400 invalid_request_error', async () => {
    const response = await fetch(`${server.baseUrl}/v1/messages`, { method: 'POST', headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(ask) });
    assert.equal(response.status, 400);
    assert.deepEqual(((await response.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: 'anthropic-version: header is required' });
  });

  it('429 with retry-after and anthropic-ratelimit-* headers → RateLimitError with request id', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '3', ...anthropicRateLimitHeaders() } });
    const error = await rejection(client.messages.create(ask));
    assert.ok(error instanceof Anthropic.RateLimitError);
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(error.requestID, 'req_fake0');
    assert.equal(error.headers?.get('retry-after'), '3');
    assert.equal(error.headers?.get('anthropic-ratelimit-input-tokens-remaining'), '78000');
  });

  it('529 → OverloadedError (an InternalServerError) with overloaded_error', async () => {
    server.enqueue({ kind: 'error', status: 529 });
    const error = await rejection(client.messages.create(ask));
    assert.ok(error instanceof Anthropic.InternalServerError);
    assert.equal(error.status, 529);
    assert.equal(error.type, 'overloaded_error');
  });

  for (const [status, type] of [
    [400, 'invalid_request_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [500, 'api_error'],
  ] as const) {
    it(`HTTP ${status} → APIError with type ${type}`, async () => {
      server.enqueue({ kind: 'error', status });
      const error = await rejection(client.messages.create(ask));
      assert.ok(error instanceof Anthropic.APIError);
      assert.equal(error.status, status);
      assert.equal(error.type, type);
    });
  }

  it('retries a 429 and succeeds when maxRetries allows it', async () => {
    const retrying = new Anthropic({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 1 });
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '20' } });
    const message = await retrying.messages.create(ask);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(server.requests.length, 2);
  });

  it('event: error after a 200 → APIError without status, with the overloaded_error type', async () => {
    server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 1 } });
    const stream = await client.messages.create({ ...ask, stream: true });
    const error = await rejection(
      (async () => {
        for await (const _event of stream) {
          // drain
        }
      })(),
    );
    assert.ok(error instanceof Anthropic.APIError);
    assert.equal(error.status, undefined);
    assert.equal(error.type, 'overloaded_error');
  });
});
