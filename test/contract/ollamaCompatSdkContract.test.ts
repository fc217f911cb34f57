// Contract: the openai SDK against the fake Ollama's /v1 layer, which mimics Ollama's quirks:
// usage without *_details and max_completion_tokens silently ignored (reference §3.1).
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { startFakeOllamaServer, type FakeOllamaServer } from '../fakes/fakeOllamaServer';

const PROMPT = 'Write a haiku about queues';
const REPLY = `Simulated reply to: ${PROMPT}`;

describe('contract: openai SDK ⇄ fake Ollama /v1', () => {
  let server: FakeOllamaServer;
  let client: OpenAI;
  beforeEach(async () => {
    server = await startFakeOllamaServer({ chunkDelayMs: 0 });
    // Ollama ignores the key, but the SDK insists on one.
    client = new OpenAI({ apiKey: 'ollama', baseURL: server.openAiBaseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  const ask = { model: 'llama3.2', messages: [{ role: 'user' as const, content: PROMPT }] };

  it('streams text and a usage chunk with only the three totals', async () => {
    const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, REPLY);
    assert.deepEqual(usage, { prompt_tokens: Math.ceil(PROMPT.length / 4), completion_tokens: Math.ceil(REPLY.length / 4), total_tokens: Math.ceil(PROMPT.length / 4) + Math.ceil(REPLY.length / 4) });
  });

  it('ignores max_completion_tokens but honours max_tokens', async () => {
    const ignored = await client.chat.completions.create({ ...ask, max_completion_tokens: 2 });
    const honoured = await client.chat.completions.create({ ...ask, max_tokens: 2 });
    assert.equal(ignored.choices[0]?.message.content, REPLY);
    assert.equal(ignored.choices[0]?.finish_reason, 'stop');
    assert.equal(honoured.choices[0]?.finish_reason, 'length');
  });

  it('lists models at /v1/models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['llama3.2:latest']);
  });

  it('a mid-stream error chunk surfaces as APIError', async () => {
    server.enqueueOpenAi({ kind: 'reply', errorAfterChunks: { chunks: 0, error: { message: 'model runner has unexpectedly stopped', type: 'api_error', code: null } } });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    await assert.rejects(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && e.type === 'api_error',
    );
  });
});
