// Contract: the official openai SDK's files and batches methods, pointed at our fake Batch API,
// must parse everything it sends as they parse the real service: the state machine, output and
// error files, partial failures, expiry, cancel, validation failures and limits. If the fake's wire
// format drifts, these fail, and the fake the product's tests lean on is no longer proven.
import { strict as assert } from 'node:assert';
import OpenAI, { toFile } from 'openai';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';

const TIMINGS = { validatingMs: 30, inProgressMs: 150, finalizingMs: 30, cancellingMs: 30 };

function line(customId: string, prompt: string, model = 'gpt-4o-mini'): string {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: prompt }] } });
}

async function upload(client: OpenAI, lines: readonly string[]): Promise<OpenAI.FileObject> {
  return client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'requests.jsonl'), purpose: 'batch' });
}

/** Polls until the batch reaches an end state; returns every status seen, in order. */
async function pollToEnd(client: OpenAI, id: string): Promise<{ batch: OpenAI.Batch; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < 400; i++) {
    const batch = await client.batches.retrieve(id);
    if (seen.at(-1) !== batch.status) seen.push(batch.status);
    if (['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) return { batch, seen };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the batch never ended');
}

async function fileLines(client: OpenAI, fileId: string | null | undefined): Promise<Record<string, unknown>[]> {
  if (!fileId) return [];
  const response = await client.files.content(fileId);
  return (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('contract: openai SDK files + batches ⇄ fake Batch API', () => {
  let server: FakeOpenAiServer;
  let client: OpenAI;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ batches: { timings: TIMINGS, maxRequests: 500 } });
    client = new OpenAI({ apiKey: 'sk-contract', baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  it('uploads a JSONL file (purpose batch) and reads back a FileObject and its content', async () => {
    const file = await upload(client, [line('a', 'one'), line('b', 'two')]);
    assert.equal(file.object, 'file');
    assert.equal(file.purpose, 'batch');
    assert.equal(file.filename, 'requests.jsonl');
    assert.ok(file.bytes > 0 && file.id.startsWith('file-'));
    assert.equal((await client.files.retrieve(file.id)).id, file.id);
    assert.equal((await (await client.files.content(file.id)).text()).split('\n').filter(Boolean).length, 2);
    assert.deepEqual(await client.files.delete(file.id), { id: file.id, object: 'file', deleted: true });
  });

  it('a batch goes validating → in_progress → finalizing → completed, counting up, with every result in the output file (out of order)', async () => {
    const file = await upload(client, Array.from({ length: 20 }, (_, i) => line(`r${i}`, `prompt ${i}`)));
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'j1:0' } });
    assert.equal(created.object, 'batch');
    assert.equal(created.status, 'validating');
    assert.equal(created.completion_window, '24h');
    assert.deepEqual(created.metadata, { job: 'j1:0' });
    assert.equal(created.expires_at, created.created_at + 24 * 3600);
    const counts: number[] = [];
    for (let i = 0; i < 400; i++) {
      const b = await client.batches.retrieve(created.id);
      counts.push(b.request_counts?.completed ?? 0);
      if (b.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { batch, seen } = await pollToEnd(client, created.id);
    assert.deepEqual(seen, ['completed']);
    assert.ok(counts.some((c) => c > 0 && c < 20), `no partial progress was reported: ${counts.join(',')}`);
    assert.deepEqual(batch.request_counts, { total: 20, completed: 20, failed: 0 });
    assert.ok(batch.completed_at && batch.in_progress_at && batch.finalizing_at);
    assert.equal(batch.error_file_id, null);
    const out = await fileLines(client, batch.output_file_id);
    assert.equal(out.length, 20);
    assert.notDeepEqual(out.map((l) => l.custom_id), Array.from({ length: 20 }, (_, i) => `r${i}`), 'results came in input order');
    const first = out.find((l) => l.custom_id === 'r3') as { response: { status_code: number; body: OpenAI.ChatCompletion }; error: null };
    assert.equal(first.response.status_code, 200);
    assert.equal(first.response.body.object, 'chat.completion');
    assert.equal(first.response.body.choices[0]?.message.content, 'Batch reply to: prompt 3');
    assert.equal(first.response.body.usage?.prompt_tokens, Math.ceil('prompt 3'.length / 4));
    assert.equal(first.error, null);
  });

  it('the statuses pass through validating, in_progress and finalizing when polled often enough', async () => {
    server.batches.setTimings({ validatingMs: 60, inProgressMs: 120, finalizingMs: 60 });
    const file = await upload(client, [line('a', 'x')]);
    const { seen } = await pollToEnd(client, (await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    assert.deepEqual(seen, ['validating', 'in_progress', 'finalizing', 'completed']);
  });

  it('partial failures: failed requests are in the error file with their status and error body, counted as failed', async () => {
    const file = await upload(client, [line('ok', 'fine'), line('bad', 'broken [batch-error]'), line('boom', 'crash [batch-error:500]')]);
    const { batch } = await pollToEnd(client, (await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    assert.equal(batch.status, 'completed');
    assert.deepEqual(batch.request_counts, { total: 3, completed: 1, failed: 2 });
    assert.deepEqual((await fileLines(client, batch.output_file_id)).map((l) => l.custom_id), ['ok']);
    const errors = await fileLines(client, batch.error_file_id);
    const bad = errors.find((l) => l.custom_id === 'bad') as { response: { status_code: number; body: { error: { type: string; code: string } } } };
    assert.equal(bad.response.status_code, 400);
    assert.equal(bad.response.body.error.type, 'invalid_request_error');
    assert.equal((errors.find((l) => l.custom_id === 'boom') as { response: { status_code: number } }).response.status_code, 500);
  });

  it('expiry: requests not reached are batch_expired in the error file; finished ones keep their output', async () => {
    const file = await upload(client, [line('a', 'first'), line('b', 'second'), line('c', 'never [batch-expire]'), line('d', 'after')]);
    const { batch } = await pollToEnd(client, (await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    assert.equal(batch.status, 'expired');
    assert.ok(batch.expired_at);
    const out = await fileLines(client, batch.output_file_id);
    const errors = await fileLines(client, batch.error_file_id);
    assert.deepEqual(out.map((l) => l.custom_id).sort(), ['a', 'b']);
    assert.deepEqual(errors.map((l) => [l.custom_id, (l.error as { code: string }).code]).sort(), [['c', 'batch_expired'], ['d', 'batch_expired']]);
  });

  it('cancel: cancelling → cancelled; requests done before it keep their results; cancelling again is refused', async () => {
    server.batches.setTimings({ inProgressMs: 400 });
    const file = await upload(client, Array.from({ length: 10 }, (_, i) => line(`r${i}`, `p${i}`)));
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelling = await client.batches.cancel(created.id);
    assert.equal(cancelling.status, 'cancelling');
    const { batch } = await pollToEnd(client, created.id);
    assert.equal(batch.status, 'cancelled');
    assert.ok(batch.cancelled_at && batch.cancelling_at);
    const done = batch.request_counts?.completed ?? 0;
    assert.ok(done > 0 && done < 10, `done ${done}`);
    assert.equal((await fileLines(client, batch.output_file_id)).length, done);
    await assert.rejects(client.batches.cancel(created.id), (e: unknown) => e instanceof OpenAI.BadRequestError);
  });

  it('a file that does not validate fails the batch with errors naming the lines', async () => {
    const file = await upload(client, [line('a', 'fine'), line('a', 'duplicate id'), line('c', 'other model', 'gpt-4.1')]);
    const { batch } = await pollToEnd(client, (await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    assert.equal(batch.status, 'failed');
    assert.ok(batch.failed_at);
    assert.deepEqual(batch.errors?.data?.map((e) => [e.line, e.code]), [[2, 'duplicate_custom_id'], [3, 'model_mismatch']]);
    assert.equal(batch.output_file_id, null);
  });

  it('refuses a file over the request limit, and a wrong endpoint or window, as BadRequestError', async () => {
    const big = await upload(client, Array.from({ length: 501 }, (_, i) => line(`r${i}`, 'x')));
    await assert.rejects(client.batches.create({ input_file_id: big.id, endpoint: '/v1/chat/completions', completion_window: '24h' }), (e: unknown) => e instanceof OpenAI.BadRequestError && /at most 500/.test(e.message));
    const small = await upload(client, [line('a', 'x')]);
    await assert.rejects(client.batches.create({ input_file_id: small.id, endpoint: '/v1/embeddings', completion_window: '24h' }), OpenAI.BadRequestError);
    await assert.rejects(client.batches.retrieve('batch_nope'), OpenAI.NotFoundError);
  });

  it('lists batches newest first with cursor fields', async () => {
    const file = await upload(client, [line('a', 'x')]);
    const one = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const two = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const page = await client.batches.list({ limit: 10 });
    assert.deepEqual(page.data.map((b) => b.id), [two.id, one.id]);
    assert.equal(page.hasNextPage(), false);
  });

  it('serves a large results file (300 replies of 20,000 characters) that the SDK reads whole', async () => {
    await server.close();
    server = await startFakeOpenAiServer({ batches: { timings: TIMINGS, replyChars: 20_000 } });
    client = new OpenAI({ apiKey: 'sk-contract', baseURL: server.baseUrl, maxRetries: 0 });
    const file = await upload(client, Array.from({ length: 300 }, (_, i) => line(`r${i}`, `p${i}`)));
    const { batch } = await pollToEnd(client, (await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    const response = await client.files.content(batch.output_file_id!);
    const text = await response.text();
    assert.ok(text.length > 6_000_000, `${text.length} characters`);
    const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { response: { body: OpenAI.ChatCompletion } });
    assert.equal(lines.length, 300);
    assert.ok(lines.every((l) => l.response.body.choices[0]?.message.content?.length === 20_000));
  });
});
