// Our batch clients against the fake batch APIs on real sockets: what they send (the JSONL upload,
// the Message Batches body, our tag), how they read states and results (every result kind, out of
// order), finding a batch after a restart, cancelling, cleaning up an upload no batch uses, and
// never sending the key to another origin than the configured one.
import { phrase } from '../../../src/core/domain/phrase';
import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import type { BatchResult, ProviderBatchApi, ProviderBatchState } from '../../../src/core/domain/providerBatchApi';
import { AnthropicBatchClient } from '../../../src/providers/anthropic/anthropicBatchClient';
import { OpenAiBatchClient, OPENAI_BATCH_TAG_KEY } from '../../../src/providers/openai/openAiBatchClient';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { startFakeHttpServer } from '../../fakes/fakeHttpServer';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { words } from '../helpers/phraseWords';

const TIMINGS = { validatingMs: 20, inProgressMs: 80, finalizingMs: 20, cancellingMs: 20 };
const signal = (): AbortSignal => AbortSignal.timeout(5_000);

async function untilEnded(api: ProviderBatchApi, id: string): Promise<ProviderBatchState> {
  for (let i = 0; i < 300; i++) {
    const state = await api.retrieve(id, signal());
    if (state.phase === 'ended') return state;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never ended');
}

async function collect(api: ProviderBatchApi, state: ProviderBatchState): Promise<Map<string, BatchResult>> {
  const out = new Map<string, BatchResult>();
  for await (const r of api.results(state, signal())) out.set(r.customId, r);
  return out;
}

const requests = (prompts: readonly string[], model = 'gpt-4o-mini') => prompts.map((prompt, i) => ({ customId: `r${i}`, model, prompt }));

describe('OpenAiBatchClient ⇄ fake Batch API', () => {
  let server: FakeOpenAiServer;
  let api: OpenAiBatchClient;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ apiKey: 'sk-test-batch', batches: { timings: TIMINGS } });
    api = new OpenAiBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-test-batch' });
  });
  afterEach(() => server.close());

  it('uploads the requests as JSONL (developer role, max_completion_tokens) and creates a 24 h batch tagged as ours', async () => {
    const entries = [api.encode({ customId: 'r0', model: 'gpt-4.1', prompt: 'hello', systemPrompt: 'be brief', maxOutputTokens: 99 })];
    const state = await api.submit({ tag: 'job-1:0', entries }, signal());
    assert.equal(state.phase, 'validating');
    assert.equal(state.providerStatus, 'validating');
    const upload = server.requests.find((r) => r.path === '/v1/files')!;
    assert.match(upload.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    const uploaded = [...server.batches.files.values()][0]!.content!;
    assert.deepEqual(JSON.parse(uploaded.trim()), { custom_id: 'r0', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1', messages: [{ role: 'developer', content: 'be brief' }, { role: 'user', content: 'hello' }], max_completion_tokens: 99 } });
    const create = server.requests.find((r) => r.path === '/v1/batches')!.body as Record<string, unknown>;
    assert.deepEqual(create, { input_file_id: 'file-1', endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { [OPENAI_BATCH_TAG_KEY]: 'job-1:0' } });
  });

  it('reads states through to the end and maps every result: output, errors (400 and 500) and expired', async () => {
    const state = await api.submit({ tag: 't', entries: requests(['fine', 'broken [batch-error]', 'crash [batch-error:500]', 'ok too', 'never [batch-expire]']).map((r) => api.encode(r)) }, signal());
    const ended = await untilEnded(api, state.id);
    assert.equal(ended.outcome, 'expired');
    assert.ok(ended.endedAt && ended.createdAt && ended.expiresAt);
    const results = await collect(api, ended);
    const ok = results.get('r0');
    assert.equal(ok?.kind, 'succeeded');
    if (ok?.kind === 'succeeded') {
      assert.equal(ok.text, 'Batch reply to: fine');
      assert.deepEqual(ok.usage, { inputTokens: 1, outputTokens: Math.ceil('Batch reply to: fine'.length / 4), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
      assert.equal(ok.finishReason, 'stop');
    }
    const bad = results.get('r1');
    assert.ok(bad?.kind === 'errored' && bad.error instanceof ProviderError && bad.error.details.status === 400 && bad.error.details.vendorType === 'invalid_request_error');
    const crash = results.get('r2');
    assert.ok(crash?.kind === 'errored' && crash.error.details.status === 500, JSON.stringify(crash));
    assert.equal(results.get('r4')?.kind, 'expired');
    assert.equal(results.size, 5);
  });

  it('a batch that did not validate reads as failed, naming its lines', async () => {
    const state = await api.submit({ tag: 't', entries: requests(['fine', 'bad [batch-invalid]']).map((r) => api.encode(r)) }, signal());
    const ended = await untilEnded(api, state.id);
    assert.equal(ended.outcome, 'failed');
    assert.deepEqual(ended.problem, phrase('provider.batch.inputInvalid', {}));
    assert.deepEqual(ended.lineErrors, [{ line: 2, code: 'invalid_request', message: 'The request was marked [batch-invalid].' }]);
  });

  it('cancels, and finds its own batch again by tag after a restart (not another one)', async () => {
    server.batches.setTimings({ inProgressMs: 2_000 });
    const since = Date.now() - 1_000;
    await api.submit({ tag: 'other:0', entries: [api.encode(requests(['x'])[0]!)] }, signal());
    const mine = await api.submit({ tag: 'job-9:1', entries: [api.encode(requests(['y'])[0]!)] }, signal());
    assert.equal((await api.findSubmitted('job-9:1', since, 1, signal()))?.id, mine.id);
    assert.equal(await api.findSubmitted('job-9:2', since, 1, signal()), undefined);
    assert.equal(await api.findSubmitted('job-9:1', Date.now() + 60_000, 1, signal()), undefined, 'a batch older than the submission was adopted');
    const cancelling = await api.cancel(mine.id, signal());
    assert.equal(cancelling.phase, 'cancelling');
    assert.equal((await untilEnded(api, mine.id)).outcome, 'cancelled');
  });

  it('deletes the uploaded file when the batch cannot be created, and says why', async () => {
    await server.close();
    server = await startFakeOpenAiServer({ apiKey: 'sk-test-batch', batches: { timings: TIMINGS, maxRequests: 1 } });
    api = new OpenAiBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-test-batch' });
    await assert.rejects(api.submit({ tag: 't', entries: requests(['a', 'b']).map((r) => api.encode(r)) }, signal()), (e: unknown) => e instanceof ProviderError && e.details.status === 400 && /at most 1/.test(words(e.reason)));
    assert.ok(server.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/files/file-1'));
    assert.equal(server.batches.files.size, 0);
  });

  it('fails as auth without a key, and keeps a wrong key out of the message', async () => {
    const none = new OpenAiBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => undefined });
    await assert.rejects(none.retrieve('batch_1', signal()), (e: unknown) => e instanceof ProviderError && e.details.kind === 'auth');
    const wrong = new OpenAiBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-test-WRONG-0123456789abcdef' });
    await assert.rejects(wrong.retrieve('batch_1', signal()), (e: unknown) => e instanceof ProviderError && e.details.status === 401 && !words(e.reason).includes('sk-test-WRONG-0123456789abcdef'));
  });
});

describe('AnthropicBatchClient ⇄ fake Message Batches', () => {
  let server: FakeAnthropicServer;
  let api: AnthropicBatchClient;
  beforeEach(async () => {
    server = await startFakeAnthropicServer({ apiKey: 'sk-ant-batch', batches: { timings: TIMINGS } });
    api = new AnthropicBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-ant-batch' });
  });
  afterEach(() => server.close());

  it('sends one request body with every request (max_tokens defaulted, system on top) and the version header', async () => {
    const entries = [api.encode({ customId: 'r0', model: 'claude-haiku-4-5', prompt: 'hello', systemPrompt: 'be brief' }), api.encode({ customId: 'r1', model: 'claude-sonnet-4-5', prompt: 'bye', maxOutputTokens: 50 })];
    const state = await api.submit({ tag: 't', entries }, signal());
    assert.equal(state.phase, 'in_progress');
    assert.equal(state.progressKnown, false, 'Anthropic reports no progress before the end');
    assert.deepEqual(state.counts, { total: 2, done: 0, failed: 0 });
    const sent = server.requests.find((r) => r.path === '/v1/messages/batches')!;
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent.headers['x-api-key'], 'sk-ant-batch');
    assert.deepEqual(sent.body, {
      requests: [
        { custom_id: 'r0', params: { model: 'claude-haiku-4-5', max_tokens: 4096, system: 'be brief', messages: [{ role: 'user', content: 'hello' }] } },
        { custom_id: 'r1', params: { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'bye' }] } },
      ],
    });
  });

  it('maps succeeded, errored and expired results by custom_id, and an ended batch with expired requests as expired', async () => {
    const state = await api.submit({ tag: 't', entries: requests(['fine', 'broken [batch-error]', 'never [batch-expire]'], 'claude-haiku-4-5').map((r) => api.encode(r)) }, signal());
    const ended = await untilEnded(api, state.id);
    assert.equal(ended.outcome, 'expired');
    assert.deepEqual(ended.counts, { total: 3, done: 3, failed: 2 });
    const results = await collect(api, ended);
    const ok = results.get('r0');
    assert.ok(ok?.kind === 'succeeded' && ok.text === 'Batch reply to: fine' && ok.usage?.inputTokens === 1 && ok.finishReason === 'end_turn');
    const bad = results.get('r1');
    assert.ok(bad?.kind === 'errored' && bad.error.details.vendorType === 'invalid_request_error');
    assert.equal(results.get('r2')?.kind, 'expired');
  });

  it('cancels (canceling, then ended as cancelled) and finds a batch by its count and time after a restart', async () => {
    server.batches.setTimings({ inProgressMs: 2_000 });
    const since = Date.now() - 1_000;
    await api.submit({ tag: 't', entries: requests(['a'], 'claude-haiku-4-5').map((r) => api.encode(r)) }, signal());
    const mine = await api.submit({ tag: 't', entries: requests(['a', 'b'], 'claude-haiku-4-5').map((r) => api.encode(r)) }, signal());
    assert.equal((await api.findSubmitted('t', since, 2, signal()))?.id, mine.id);
    assert.equal(await api.findSubmitted('t', since, 3, signal()), undefined);
    const canceling = await api.cancel(mine.id, signal());
    assert.equal(canceling.phase, 'cancelling');
    const ended = await untilEnded(api, mine.id);
    assert.equal(ended.outcome, 'cancelled');
    assert.deepEqual([...(await collect(api, ended)).values()].map((r) => r.kind), ['cancelled', 'cancelled']);
  });

  it('fetches results from the configured origin even when results_url names another one (the key stays home)', async () => {
    const elsewhere = await startFakeHttpServer(async ({ res }) => void res.writeHead(500).end());
    try {
      const state = await api.submit({ tag: 't', entries: requests(['fine'], 'claude-haiku-4-5').map((r) => api.encode(r)) }, signal());
      const ended = await untilEnded(api, state.id);
      const moved: ProviderBatchState = { ...ended, resultsRef: {} };
      assert.equal((await collect(api, moved)).size, 1, 'the documented path on the configured origin was not used');
      // A results_url on another origin is not followed: the state keeps the path under the base URL.
      const fromOtherOrigin = await new AnthropicBatchClient({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-ant-batch' }).retrieve(state.id, signal());
      assert.equal(fromOtherOrigin.resultsRef.path, `/v1/messages/batches/${state.id}/results`);
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await elsewhere.close();
    }
  });
});
