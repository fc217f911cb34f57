// Contract: the official @anthropic-ai/sdk Message Batches methods (create, retrieve, list, cancel,
// delete, results), pointed at our fake, must parse everything it sends as they parse the real
// service: processing status and counts, the results file (streamed by the SDK's JSONL decoder,
// from the batch's results_url), every result type, validation errors and limits.
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../fakes/fakeAnthropicServer';

const TIMINGS = { inProgressMs: 150, cancellingMs: 30 };
type BatchRequest = Anthropic.Messages.Batches.BatchCreateParams.Request;

const request = (customId: string, prompt: string, model = 'claude-haiku-4-5'): BatchRequest => ({ custom_id: customId, params: { model, max_tokens: 256, messages: [{ role: 'user', content: prompt }] } });

async function pollToEnd(client: Anthropic, id: string): Promise<{ batch: Anthropic.Messages.Batches.MessageBatch; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < 400; i++) {
    const batch = await client.messages.batches.retrieve(id);
    if (seen.at(-1) !== batch.processing_status) seen.push(batch.processing_status);
    if (batch.processing_status === 'ended') return { batch, seen };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the batch never ended');
}

async function results(client: Anthropic, id: string): Promise<Anthropic.Messages.Batches.MessageBatchIndividualResponse[]> {
  const out: Anthropic.Messages.Batches.MessageBatchIndividualResponse[] = [];
  for await (const r of await client.messages.batches.results(id)) out.push(r);
  return out;
}

describe('contract: @anthropic-ai/sdk Message Batches ⇄ fake Anthropic', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;
  beforeEach(async () => {
    server = await startFakeAnthropicServer({ apiKey: 'sk-ant-contract', batches: { timings: TIMINGS, maxRequests: 500 } });
    client = new Anthropic({ apiKey: 'sk-ant-contract', baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  it('creates a batch in_progress with every request processing; counts appear only once it has ended', async () => {
    const created = await client.messages.batches.create({ requests: Array.from({ length: 12 }, (_, i) => request(`r${i}`, `prompt ${i}`)) });
    assert.equal(created.type, 'message_batch');
    assert.equal(created.processing_status, 'in_progress');
    assert.deepEqual(created.request_counts, { processing: 12, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    assert.equal(created.results_url, null);
    assert.equal(created.ended_at, null);
    assert.equal(Date.parse(created.expires_at) - Date.parse(created.created_at), 24 * 3600 * 1000);
    const { batch, seen } = await pollToEnd(client, created.id);
    assert.deepEqual(seen, ['in_progress', 'ended']);
    assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 12, errored: 0, canceled: 0, expired: 0 });
    assert.ok(batch.ended_at && batch.results_url?.startsWith(server.baseUrl));
  });

  it('streams the results file through the SDK decoder, out of order, with messages and usage', async () => {
    const created = await client.messages.batches.create({ requests: Array.from({ length: 8 }, (_, i) => request(`r${i}`, `prompt ${i}`)) });
    await pollToEnd(client, created.id);
    const lines = await results(client, created.id);
    assert.equal(lines.length, 8);
    assert.notDeepEqual(lines.map((l) => l.custom_id), Array.from({ length: 8 }, (_, i) => `r${i}`));
    const r2 = lines.find((l) => l.custom_id === 'r2')!;
    assert.equal(r2.result.type, 'succeeded');
    if (r2.result.type !== 'succeeded') return;
    assert.deepEqual(r2.result.message.content, [{ type: 'text', text: 'Batch reply to: prompt 2' }]);
    assert.equal(r2.result.message.usage.input_tokens, Math.ceil('prompt 2'.length / 4));
    assert.equal(r2.result.message.stop_reason, 'end_turn');
    const sent = server.requests.filter((r) => r.path.endsWith('/results'));
    assert.equal(sent[0]?.headers.accept, 'application/binary');
  });

  it('errored and expired requests: their result types, and the counts say so', async () => {
    const created = await client.messages.batches.create({ requests: [request('ok', 'fine'), request('bad', 'broken [batch-error]'), request('late', 'never [batch-expire]')] });
    const { batch } = await pollToEnd(client, created.id);
    assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 1 });
    const byId = new Map((await results(client, created.id)).map((l) => [l.custom_id, l.result]));
    const bad = byId.get('bad');
    assert.equal(bad?.type, 'errored');
    if (bad?.type === 'errored') assert.equal(bad.error.error.type, 'invalid_request_error');
    assert.equal(byId.get('late')?.type, 'expired');
  });

  it('cancel: canceling, then ended with the unfinished requests canceled and cancel_initiated_at set', async () => {
    server.batches.setTimings({ inProgressMs: 400 });
    const created = await client.messages.batches.create({ requests: Array.from({ length: 10 }, (_, i) => request(`r${i}`, `p${i}`)) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const canceling = await client.messages.batches.cancel(created.id);
    assert.equal(canceling.processing_status, 'canceling');
    assert.ok(canceling.cancel_initiated_at);
    const { batch } = await pollToEnd(client, created.id);
    const counts = batch.request_counts;
    assert.ok(counts.succeeded > 0 && counts.canceled > 0 && counts.succeeded + counts.canceled === 10, JSON.stringify(counts));
    const types = (await results(client, created.id)).map((l) => l.result.type);
    assert.equal(types.filter((t) => t === 'canceled').length, counts.canceled);
  });

  it('lists newest first, deletes only ended batches, and refuses results before the end', async () => {
    const one = await client.messages.batches.create({ requests: [request('a', 'x')] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const two = await client.messages.batches.create({ requests: [request('a', 'y')] });
    const page = await client.messages.batches.list({ limit: 10 });
    assert.deepEqual(page.data.map((b) => b.id), [two.id, one.id]);
    await assert.rejects(client.messages.batches.results(two.id), /results_url/);
    await assert.rejects(client.messages.batches.delete(two.id), Anthropic.BadRequestError);
    await pollToEnd(client, one.id);
    assert.deepEqual(await client.messages.batches.delete(one.id), { id: one.id, type: 'message_batch_deleted' });
    await assert.rejects(client.messages.batches.retrieve(one.id), Anthropic.NotFoundError);
  });

  it('validates requests like the real API: custom_id pattern and uniqueness, max_tokens, the request limit', async () => {
    await assert.rejects(client.messages.batches.create({ requests: [request('has space', 'x')] }), (e: unknown) => e instanceof Anthropic.BadRequestError && /custom_id/.test(e.message));
    await assert.rejects(client.messages.batches.create({ requests: [request('a', 'x'), request('a', 'y')] }), /duplicate custom_id/);
    const noMax = { custom_id: 'a', params: { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] } } as unknown as BatchRequest;
    await assert.rejects(client.messages.batches.create({ requests: [noMax] }), /max_tokens/);
    await assert.rejects(client.messages.batches.create({ requests: Array.from({ length: 501 }, (_, i) => request(`r${i}`, 'x')) }), /at most 500/);
  });

  it('serves a large results file (200 replies of 30,000 characters) that the decoder reads line by line', async () => {
    await server.close();
    server = await startFakeAnthropicServer({ apiKey: 'sk-ant-contract', batches: { timings: TIMINGS, replyChars: 30_000 } });
    client = new Anthropic({ apiKey: 'sk-ant-contract', baseURL: server.baseUrl, maxRetries: 0 });
    const created = await client.messages.batches.create({ requests: Array.from({ length: 200 }, (_, i) => request(`r${i}`, `p${i}`)) });
    await pollToEnd(client, created.id);
    const lines = await results(client, created.id);
    assert.equal(lines.length, 200);
    assert.ok(lines.every((l) => l.result.type === 'succeeded' && l.result.message.content[0]?.type === 'text' && l.result.message.content[0].text.length === 30_000));
  });
});
