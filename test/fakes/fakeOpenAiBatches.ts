// OpenAI's Batch API as a fake (reference §5.1), routed by the fake OpenAI server: files
// (`POST /v1/files` multipart, `GET /v1/files/{id}`, `…/content`, `DELETE`), batches (create,
// retrieve, list, cancel). A batch moves by the clock: validating → in_progress (counts growing) →
// finalizing → completed, or failed (its input did not validate), expired (the window runs out as
// the batch reaches a request marked "[batch-expire]": it and the ones after it never run) or
// cancelling → cancelled. Requests marked "[batch-error]"
// fail in the error file. Output lines come in reverse order, as the real service promises no order.
import { sendOpenAiError } from './sendOpenAiError';
import type { FakeExchange } from './fakeHttpServer';
import { batchReplyText, DEFAULT_BATCH_TIMINGS, doneAt, FakeStateFile, fateOf, parseMultipart, replyUsage, writeJsonLines, type BatchTimings, type RequestFate } from './batchFakeSupport';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FakeOpenAiBatchOptions {
  readonly timings?: Partial<BatchTimings>;
  /** Requests and bytes one input file may hold (default 50,000 / 200 MB); smaller in tests of splitting. */
  readonly maxRequests?: number;
  readonly maxBytes?: number;
  /** Characters of every reply (large results files). */
  readonly replyChars?: number;
  /** Keeps files and batches across restarts of the process (a window reload). */
  readonly stateFile?: string;
  readonly now?: () => number;
}

interface FakeRequest {
  readonly customId: string;
  readonly model: string;
  readonly prompt: string;
  readonly fate: RequestFate;
}

interface FakeFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly createdAt: number;
  readonly bytes: number;
  /** Uploaded content; generated files name their batch instead. */
  readonly content?: string;
  readonly batchId?: string;
  readonly kind?: 'output' | 'errors';
}

interface FakeBatch {
  readonly id: string;
  readonly inputFileId: string;
  readonly endpoint: string;
  readonly metadata: Record<string, unknown> | null;
  readonly createdAt: number;
  readonly timings: BatchTimings;
  readonly requests: FakeRequest[];
  readonly lineErrors: { line: number; code: string; message: string }[];
  cancelAt?: number;
}

interface State {
  next: number;
  files: FakeFile[];
  batches: FakeBatch[];
}

export class FakeOpenAiBatches {
  readonly files = new Map<string, FakeFile>();
  readonly batches = new Map<string, FakeBatch>();
  private timings: BatchTimings;
  private next = 1;
  private readonly state: FakeStateFile<State>;
  private readonly now: () => number;

  constructor(private readonly options: FakeOpenAiBatchOptions = {}) {
    this.timings = { ...DEFAULT_BATCH_TIMINGS, ...options.timings };
    this.now = options.now ?? Date.now;
    this.state = new FakeStateFile<State>(options.stateFile);
    const saved = this.state.load();
    if (saved) {
      this.next = saved.next;
      saved.files.forEach((f) => this.files.set(f.id, f));
      saved.batches.forEach((b) => this.batches.set(b.id, b));
    }
  }

  /** Phase durations for batches created from now on (e.g. a slow validation). */
  setTimings(timings: Partial<BatchTimings>): void {
    this.timings = { ...this.timings, ...timings };
  }

  /** Handles a batch or file route; false when the path is not one. */
  async handle(exchange: FakeExchange, pathname: string): Promise<boolean> {
    const { method } = exchange.request;
    const parts = pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v1' || (parts[1] !== 'files' && parts[1] !== 'batches')) return false;
    const [, resource, id, action] = parts;
    if (resource === 'files') {
      if (method === 'POST' && !id) return this.upload(exchange);
      const file = id ? this.files.get(id) : undefined;
      if (!file) return this.notFound(exchange, `No such File object: ${id ?? ''}`);
      if (method === 'GET' && action === 'content') return this.content(exchange, file);
      if (method === 'GET' && !action) return this.json(exchange, fileObject(file));
      if (method === 'DELETE' && !action) {
        this.files.delete(file.id);
        this.save();
        return this.json(exchange, { id: file.id, object: 'file', deleted: true });
      }
      return this.notFound(exchange, `Invalid URL (${method} ${pathname})`);
    }
    if (method === 'POST' && !id) return this.create(exchange);
    if (method === 'GET' && !id) return this.list(exchange);
    const batch = id ? this.batches.get(id) : undefined;
    if (!batch) return this.notFound(exchange, `No batch found with id '${id ?? ''}'.`);
    if (method === 'GET' && !action) return this.json(exchange, this.batchObject(batch));
    if (method === 'POST' && action === 'cancel') {
      const status = this.view(batch).status;
      if (['completed', 'failed', 'expired', 'cancelled', 'cancelling'].includes(status)) {
        sendOpenAiError(exchange, 400, { message: `Cannot cancel a batch with status '${status}'.`, type: 'invalid_request_error', code: null, param: null });
        return true;
      }
      batch.cancelAt = this.now();
      this.save();
      return this.json(exchange, this.batchObject(batch));
    }
    return this.notFound(exchange, `Invalid URL (${method} ${pathname})`);
  }

  private upload(exchange: FakeExchange): boolean {
    const parts = parseMultipart(exchange.request.headers['content-type'], exchange.request.rawBody);
    const purpose = parts?.find((p) => p.name === 'purpose')?.content;
    const file = parts?.find((p) => p.name === 'file' && p.filename !== undefined);
    if (!parts || !file) return this.badRequest(exchange, "Missing required parameter: 'file'.");
    if (purpose !== 'batch') return this.badRequest(exchange, `Invalid value for 'purpose': '${purpose ?? ''}'.`);
    const record: FakeFile = { id: `file-${this.next++}`, filename: file.filename!, purpose, createdAt: this.now(), bytes: Buffer.byteLength(file.content), content: file.content };
    this.files.set(record.id, record);
    this.save();
    return this.json(exchange, fileObject(record));
  }

  private create(exchange: FakeExchange): boolean {
    const body = exchange.request.body as { input_file_id?: unknown; endpoint?: unknown; completion_window?: unknown; metadata?: unknown } | undefined;
    const input = typeof body?.input_file_id === 'string' ? this.files.get(body.input_file_id) : undefined;
    if (!input?.content) return this.badRequest(exchange, `Invalid 'input_file_id': '${String(body?.input_file_id)}'.`);
    if (body?.endpoint !== '/v1/chat/completions') return this.badRequest(exchange, `Invalid value for 'endpoint': '${String(body?.endpoint)}'.`);
    if (body.completion_window !== '24h') return this.badRequest(exchange, "Invalid value for 'completion_window': only '24h' is supported.");
    const lines = input.content.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > (this.options.maxRequests ?? 50_000)) return this.badRequest(exchange, `The input file has ${lines.length} requests; at most ${this.options.maxRequests ?? 50_000} are allowed.`);
    if (input.bytes > (this.options.maxBytes ?? 200_000_000)) return this.badRequest(exchange, `The input file is ${input.bytes} bytes; at most ${this.options.maxBytes ?? 200_000_000} are allowed.`);
    const { requests, lineErrors } = readInput(lines);
    const batch: FakeBatch = { id: `batch_${this.next++}`, inputFileId: input.id, endpoint: body.endpoint, metadata: (body.metadata as Record<string, unknown> | undefined) ?? null, createdAt: this.now(), timings: { ...this.timings }, requests, lineErrors };
    this.batches.set(batch.id, batch);
    this.save();
    return this.json(exchange, this.batchObject(batch));
  }

  private list(exchange: FakeExchange): boolean {
    const limit = Number(new URL(exchange.request.path, 'http://x').searchParams.get('limit') ?? 20);
    const data = [...this.batches.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit).map((b) => this.batchObject(b));
    return this.json(exchange, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: this.batches.size > data.length });
  }

  private async content(exchange: FakeExchange, file: FakeFile): Promise<boolean> {
    if (file.content !== undefined) {
      await writeJsonLines(exchange.res, file.content.split('\n').filter(Boolean), {});
      return true;
    }
    const batch = this.batches.get(file.batchId ?? '');
    if (!batch) return this.notFound(exchange, 'The file has no content.');
    await writeJsonLines(exchange.res, this.resultLines(batch, file.kind ?? 'output'), {});
    return true;
  }

  /** Where a batch is now, by the clock. */
  private view(batch: FakeBatch): { status: string; done: number; at: Record<string, number> } {
    const { timings, createdAt, cancelAt } = batch;
    const now = this.now();
    const total = batch.requests.length;
    const inProgressAt = createdAt + timings.validatingMs;
    const expiring = batch.requests.findIndex((r) => r.fate === 'expire');
    // The batch's window runs out just as it reaches the marked request: those before it ran.
    const expireAt = expiring >= 0 ? inProgressAt + Math.ceil((timings.inProgressMs * expiring) / total) : undefined;
    const progress = (t: number): number => Math.min(doneAt(total, t - inProgressAt, timings.inProgressMs), expiring >= 0 ? expiring : total);
    const at: Record<string, number> = {};
    if (cancelAt !== undefined && now >= cancelAt && (expireAt === undefined || cancelAt < expireAt) && cancelAt < inProgressAt + timings.inProgressMs) {
      at.cancelling_at = cancelAt;
      const done = progress(cancelAt);
      if (now < cancelAt + timings.cancellingMs) return { status: 'cancelling', done, at };
      return { status: 'cancelled', done, at: { ...at, cancelled_at: cancelAt + timings.cancellingMs } };
    }
    if (now < inProgressAt) return { status: 'validating', done: 0, at };
    if (batch.lineErrors.length > 0) return { status: 'failed', done: 0, at: { failed_at: inProgressAt } };
    at.in_progress_at = inProgressAt;
    if (expireAt !== undefined && now >= expireAt) return { status: 'expired', done: progress(expireAt), at: { ...at, expired_at: expireAt } };
    const finalizingAt = inProgressAt + timings.inProgressMs;
    if (now < finalizingAt) return { status: 'in_progress', done: progress(now), at };
    at.finalizing_at = finalizingAt;
    if (now < finalizingAt + timings.finalizingMs) return { status: 'finalizing', done: total, at };
    return { status: 'completed', done: total, at: { ...at, completed_at: finalizingAt + timings.finalizingMs } };
  }

  private batchObject(batch: FakeBatch): Record<string, unknown> {
    const { status, done, at } = this.view(batch);
    const ended = ['completed', 'failed', 'expired', 'cancelled'].includes(status);
    const failed = batch.requests.slice(0, done).filter((r) => r.fate === 'error' || r.fate === 'error500').length;
    const outputId = ended && status !== 'failed' ? this.resultFile(batch, 'output') : null;
    const hasErrors = failed > 0 || status === 'expired';
    const errorId = ended && status !== 'failed' && hasErrors ? this.resultFile(batch, 'errors') : null;
    const s = (ms: number | undefined): number | null => (ms === undefined ? null : Math.floor(ms / 1000));
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.endpoint,
      errors: batch.lineErrors.length > 0 && status === 'failed' ? { object: 'list', data: batch.lineErrors.map((e) => ({ ...e, param: null })) } : null,
      input_file_id: batch.inputFileId,
      completion_window: '24h',
      status,
      output_file_id: outputId,
      error_file_id: errorId,
      created_at: s(batch.createdAt),
      in_progress_at: s(at.in_progress_at),
      expires_at: s(batch.createdAt + DAY_MS),
      finalizing_at: s(at.finalizing_at),
      completed_at: s(at.completed_at),
      failed_at: s(at.failed_at),
      expired_at: s(at.expired_at),
      cancelling_at: s(at.cancelling_at),
      cancelled_at: s(at.cancelled_at),
      request_counts: { total: batch.requests.length, completed: done - failed, failed },
      metadata: batch.metadata,
    };
  }

  /** The id of a batch's output or error file, made when first named. */
  private resultFile(batch: FakeBatch, kind: 'output' | 'errors'): string {
    const existing = [...this.files.values()].find((f) => f.batchId === batch.id && f.kind === kind);
    if (existing) return existing.id;
    const file: FakeFile = { id: `file-${this.next++}`, filename: `${batch.id}_${kind}.jsonl`, purpose: kind === 'output' ? 'batch_output' : 'batch_output', createdAt: this.now(), bytes: 0, batchId: batch.id, kind };
    this.files.set(file.id, file);
    this.save();
    return file.id;
  }

  private *resultLines(batch: FakeBatch, kind: 'output' | 'errors'): Generator<string> {
    const { status, done } = this.view(batch);
    const created = Math.floor(batch.createdAt / 1000);
    // Reverse order: results are not promised in input order.
    for (let i = batch.requests.length - 1; i >= 0; i--) {
      const r = batch.requests[i]!;
      const ran = i < done;
      const base = { id: `batch_req_${batch.id}_${i}`, custom_id: r.customId };
      if (ran && r.fate === 'succeed' && kind === 'output') {
        const text = batchReplyText(r.prompt, this.options.replyChars);
        const usage = replyUsage(r.prompt, text);
        const body = {
          id: `chatcmpl-${batch.id}-${i}`,
          object: 'chat.completion',
          created,
          model: r.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
          service_tier: 'default',
          system_fingerprint: 'fp_fake',
        };
        yield JSON.stringify({ ...base, response: { status_code: 200, request_id: `req_${i}`, body }, error: null });
      } else if (ran && (r.fate === 'error' || r.fate === 'error500') && kind === 'errors') {
        const error = r.fate === 'error500' ? { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } : { message: "Invalid 'messages[0].content': the request was marked [batch-error].", type: 'invalid_request_error', param: 'messages', code: 'invalid_value' };
        yield JSON.stringify({ ...base, response: { status_code: r.fate === 'error500' ? 500 : 400, request_id: `req_${i}`, body: { error } }, error: null });
      } else if (!ran && status === 'expired' && kind === 'errors') {
        yield JSON.stringify({ ...base, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } });
      }
    }
  }

  private save(): void {
    this.state.save({ next: this.next, files: [...this.files.values()], batches: [...this.batches.values()] });
  }

  private json(exchange: FakeExchange, body: unknown): boolean {
    exchange.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_fake_${exchange.request.index}` });
    exchange.res.end(JSON.stringify(body));
    return true;
  }

  private badRequest(exchange: FakeExchange, message: string): boolean {
    sendOpenAiError(exchange, 400, { message, type: 'invalid_request_error', param: null, code: null });
    return true;
  }

  private notFound(exchange: FakeExchange, message: string): boolean {
    sendOpenAiError(exchange, 404, { message, type: 'invalid_request_error', param: null, code: null });
    return true;
  }
}

function fileObject(file: FakeFile): Record<string, unknown> {
  return { id: file.id, object: 'file', bytes: file.bytes, created_at: Math.floor(file.createdAt / 1000), filename: file.filename, purpose: file.purpose, status: 'processed', expires_at: Math.floor(file.createdAt / 1000) + 30 * 24 * 3600, status_details: null };
}

/** The requests of an input file, and the lines the real validation would refuse. */
function readInput(lines: readonly string[]): { requests: FakeRequest[]; lineErrors: { line: number; code: string; message: string }[] } {
  const requests: FakeRequest[] = [];
  const lineErrors: { line: number; code: string; message: string }[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  lines.forEach((text, i) => {
    const line = i + 1;
    let entry: { custom_id?: unknown; method?: unknown; url?: unknown; body?: { model?: unknown; messages?: { content?: unknown }[] } };
    try {
      entry = JSON.parse(text) as typeof entry;
    } catch {
      lineErrors.push({ line, code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.' });
      return;
    }
    const last = entry.body?.messages?.at(-1)?.content;
    const prompt = typeof last === 'string' ? last : '';
    if (typeof entry.custom_id !== 'string' || seen.has(entry.custom_id)) lineErrors.push({ line, code: 'duplicate_custom_id', message: 'The custom_id for this request is missing or a duplicate of another request.' });
    else if (entry.method !== 'POST' || entry.url !== '/v1/chat/completions') lineErrors.push({ line, code: 'invalid_url', message: "The URL provided for this request does not match the batch endpoint '/v1/chat/completions'." });
    else if (typeof entry.body?.model !== 'string') lineErrors.push({ line, code: 'missing_required_parameter', message: "Missing required parameter: 'model'." });
    else if (model !== undefined && entry.body.model !== model) lineErrors.push({ line, code: 'model_mismatch', message: `Every request of a batch must use the same model ('${model}').` });
    else if (prompt.includes('[batch-invalid]')) lineErrors.push({ line, code: 'invalid_request', message: 'The request was marked [batch-invalid].' });
    if (typeof entry.custom_id === 'string') seen.add(entry.custom_id);
    if (typeof entry.body?.model === 'string') model ??= entry.body.model;
    requests.push({ customId: String(entry.custom_id), model: String(entry.body?.model ?? ''), prompt, fate: fateOf(prompt) });
  });
  return { requests, lineErrors };
}
