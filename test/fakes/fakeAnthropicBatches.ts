// Anthropic's Message Batches as a fake (reference §5.2), routed by the fake Anthropic server:
// create (validated like the real one: custom_id pattern and uniqueness, model, max_tokens,
// messages; the request-count and size limits), retrieve, list, cancel, delete, results. A batch
// is in_progress (counts other than `processing` stay 0, as the real API reports them) until the
// clock says it ended; cancelling ends it early (requests done by then succeed, the rest are
// canceled). Requests marked "[batch-error]" are errored, "[batch-expire]" expired. The results
// file lists requests in reverse order, since the real one promises no order.
import { sendAnthropicError } from './sendAnthropicError';
import type { FakeExchange } from './fakeHttpServer';
import { batchReplyText, DEFAULT_BATCH_TIMINGS, doneAt, FakeStateFile, fateOf, replyUsage, writeJsonLines, type BatchTimings, type RequestFate } from './batchFakeSupport';

const DAY_MS = 24 * 60 * 60 * 1000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export interface FakeAnthropicBatchOptions {
  readonly timings?: Partial<BatchTimings>;
  /** Requests and bytes one batch may hold (default 100,000 / 256 MB). */
  readonly maxRequests?: number;
  readonly maxBytes?: number;
  readonly replyChars?: number;
  readonly stateFile?: string;
  readonly now?: () => number;
}

interface FakeRequest {
  readonly customId: string;
  readonly model: string;
  readonly prompt: string;
  readonly fate: RequestFate;
}

interface FakeMessageBatch {
  readonly id: string;
  readonly createdAt: number;
  readonly timings: BatchTimings;
  readonly requests: FakeRequest[];
  cancelAt?: number;
  deleted?: boolean;
}

interface State {
  next: number;
  batches: FakeMessageBatch[];
}

export class FakeAnthropicBatches {
  readonly batches = new Map<string, FakeMessageBatch>();
  private timings: BatchTimings;
  private next = 1;
  private readonly state: FakeStateFile<State>;
  private readonly now: () => number;

  constructor(
    private readonly origin: string,
    private readonly options: FakeAnthropicBatchOptions = {},
  ) {
    this.timings = { ...DEFAULT_BATCH_TIMINGS, ...options.timings };
    this.now = options.now ?? Date.now;
    this.state = new FakeStateFile<State>(options.stateFile);
    const saved = this.state.load();
    if (saved) {
      this.next = saved.next;
      saved.batches.forEach((b) => this.batches.set(b.id, b));
    }
  }

  setTimings(timings: Partial<BatchTimings>): void {
    this.timings = { ...this.timings, ...timings };
  }

  async handle(exchange: FakeExchange, pathname: string): Promise<boolean> {
    const parts = pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v1' || parts[1] !== 'messages' || parts[2] !== 'batches') return false;
    const { method } = exchange.request;
    const [, , , id, action] = parts;
    if (!id && method === 'POST') return this.create(exchange);
    if (!id && method === 'GET') return this.list(exchange);
    const batch = id ? this.batches.get(id) : undefined;
    if (!batch || batch.deleted) return this.fail(exchange, 404, 'not_found_error', `No message batch with id ${id ?? ''}.`);
    if (method === 'GET' && !action) return this.json(exchange, this.batchObject(batch));
    if (method === 'POST' && action === 'cancel') {
      if (this.view(batch).status === 'in_progress') {
        batch.cancelAt = this.now();
        this.save();
      }
      return this.json(exchange, this.batchObject(batch));
    }
    if (method === 'DELETE' && !action) {
      if (this.view(batch).status !== 'ended') return this.fail(exchange, 400, 'invalid_request_error', 'A message batch can be deleted only after it has ended.');
      batch.deleted = true;
      this.save();
      return this.json(exchange, { id: batch.id, type: 'message_batch_deleted' });
    }
    if (method === 'GET' && action === 'results') {
      const view = this.view(batch);
      if (view.status !== 'ended') return this.fail(exchange, 404, 'not_found_error', `Message batch ${batch.id} has not ended; its results are not available yet.`);
      await writeJsonLines(exchange.res, this.resultLines(batch, view.done), { 'request-id': `req_fake${exchange.request.index}` });
      return true;
    }
    return this.fail(exchange, 404, 'not_found_error', 'Not found');
  }

  private create(exchange: FakeExchange): boolean {
    if (Buffer.byteLength(exchange.request.rawBody) > (this.options.maxBytes ?? 256_000_000)) return this.fail(exchange, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    const requests = (exchange.request.body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return this.fail(exchange, 400, 'invalid_request_error', 'requests: Field required');
    if (requests.length > (this.options.maxRequests ?? 100_000)) return this.fail(exchange, 400, 'invalid_request_error', `requests: at most ${this.options.maxRequests ?? 100_000} requests are allowed per batch.`);
    const seen = new Set<string>();
    const parsed: FakeRequest[] = [];
    for (const [i, raw] of requests.entries()) {
      const entry = raw as { custom_id?: unknown; params?: { model?: unknown; max_tokens?: unknown; messages?: { content?: unknown }[] } };
      if (typeof entry.custom_id !== 'string' || !CUSTOM_ID.test(entry.custom_id)) return this.fail(exchange, 400, 'invalid_request_error', `requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
      if (seen.has(entry.custom_id)) return this.fail(exchange, 400, 'invalid_request_error', `requests.${i}.custom_id: duplicate custom_id "${entry.custom_id}"`);
      seen.add(entry.custom_id);
      if (typeof entry.params?.model !== 'string') return this.fail(exchange, 400, 'invalid_request_error', `requests.${i}.params.model: Field required`);
      if (typeof entry.params.max_tokens !== 'number') return this.fail(exchange, 400, 'invalid_request_error', `requests.${i}.params.max_tokens: Field required`);
      if (!Array.isArray(entry.params.messages) || entry.params.messages.length === 0) return this.fail(exchange, 400, 'invalid_request_error', `requests.${i}.params.messages: Field required`);
      const last = entry.params.messages.at(-1)?.content;
      const prompt = typeof last === 'string' ? last : '';
      parsed.push({ customId: entry.custom_id, model: entry.params.model, prompt, fate: fateOf(prompt) });
    }
    const batch: FakeMessageBatch = { id: `msgbatch_fake${String(this.next++).padStart(4, '0')}`, createdAt: this.now(), timings: { ...this.timings }, requests: parsed };
    this.batches.set(batch.id, batch);
    this.save();
    return this.json(exchange, this.batchObject(batch));
  }

  private list(exchange: FakeExchange): boolean {
    const limit = Number(new URL(exchange.request.path, 'http://x').searchParams.get('limit') ?? 20);
    const all = [...this.batches.values()].filter((b) => !b.deleted).sort((a, b) => b.createdAt - a.createdAt);
    const data = all.slice(0, limit).map((b) => this.batchObject(b));
    return this.json(exchange, { data, has_more: all.length > data.length, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }

  private view(batch: FakeMessageBatch): { status: 'in_progress' | 'canceling' | 'ended'; done: number; endedAt?: number } {
    const now = this.now();
    const total = batch.requests.length;
    const { cancelAt, createdAt, timings } = batch;
    const endsAt = createdAt + timings.inProgressMs;
    if (cancelAt !== undefined && cancelAt < endsAt) {
      const done = doneAt(total, cancelAt - createdAt, timings.inProgressMs);
      return now < cancelAt + timings.cancellingMs ? { status: 'canceling', done } : { status: 'ended', done, endedAt: cancelAt + timings.cancellingMs };
    }
    return now < endsAt ? { status: 'in_progress', done: doneAt(total, now - createdAt, timings.inProgressMs) } : { status: 'ended', done: total, endedAt: endsAt };
  }

  private batchObject(batch: FakeMessageBatch): Record<string, unknown> {
    const view = this.view(batch);
    const ended = view.status === 'ended';
    const counts = { processing: ended ? 0 : batch.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (ended) for (const [i, r] of batch.requests.entries()) counts[outcomeOf(r, i < view.done)] += 1;
    const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: view.status,
      request_counts: counts,
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.createdAt + DAY_MS),
      ended_at: iso(view.endedAt),
      cancel_initiated_at: iso(batch.cancelAt !== undefined && batch.cancelAt < batch.createdAt + batch.timings.inProgressMs ? batch.cancelAt : undefined),
      archived_at: null,
      results_url: ended ? `${this.origin}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  private *resultLines(batch: FakeMessageBatch, done: number): Generator<string> {
    for (let i = batch.requests.length - 1; i >= 0; i--) {
      const r = batch.requests[i]!;
      const outcome = outcomeOf(r, i < done);
      if (outcome === 'succeeded') {
        const text = batchReplyText(r.prompt, this.options.replyChars);
        const usage = replyUsage(r.prompt, text);
        const message = { id: `msg_fake_${batch.id}_${i}`, type: 'message', role: 'assistant', model: r.model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: usage.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'batch' } };
        yield JSON.stringify({ custom_id: r.customId, result: { type: 'succeeded', message } });
      } else if (outcome === 'errored') {
        const error = r.fate === 'error500' ? { type: 'api_error', message: 'Internal server error' } : { type: 'invalid_request_error', message: 'messages.0.content: the request was marked [batch-error].' };
        yield JSON.stringify({ custom_id: r.customId, result: { type: 'errored', error: { type: 'error', error, request_id: `req_fake_${i}` } } });
      } else yield JSON.stringify({ custom_id: r.customId, result: { type: outcome } });
    }
  }

  private save(): void {
    this.state.save({ next: this.next, batches: [...this.batches.values()] });
  }

  private json(exchange: FakeExchange, body: unknown): boolean {
    exchange.res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake${exchange.request.index}` });
    exchange.res.end(JSON.stringify(body));
    return true;
  }

  private fail(exchange: FakeExchange, status: number, type: string, message: string): boolean {
    sendAnthropicError(exchange, status, type, message);
    return true;
  }
}

function outcomeOf(request: FakeRequest, ran: boolean): 'succeeded' | 'errored' | 'canceled' | 'expired' {
  if (request.fate === 'expire') return 'expired';
  if (!ran) return 'canceled';
  return request.fate === 'succeed' ? 'succeeded' : 'errored';
}
