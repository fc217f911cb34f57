// OpenAI's Batch API (reference §5.1): the requests go up as a JSONL file (`POST /files`, purpose
// "batch"), a batch is created on it (`POST /batches`, 24 h window, our tag in its metadata so a
// restart can find it), checked with `GET /batches/{id}` and its output and error files streamed
// back line by line (`GET /files/{id}/content`). Every call goes through providerFetch, so the key
// stays with its origin. The upload is a Blob assembled from the lines, never one big string.
import { ProviderError } from '../../core/domain/chatProvider';
import type { BatchLimits, BatchRequest, BatchResult, BatchSubmission, ProviderBatchApi, ProviderBatchState } from '../../core/domain/providerBatchApi';
import { joinedBlob } from '../http/joinedBlob';
import { missingKeyMessage } from '../http/missingKeyMessage';
import { providerFetch, type ProviderEndpoint, type ProviderRequest } from '../http/providerFetch';
import { readApiKey } from '../http/readApiKey';
import { readJsonBody } from '../http/readJsonBody';
import { readJsonLines } from '../http/readJsonLines';
import { openAiBatchResult, openAiBatchState, parseOpenAiBatch } from './openAiBatchParse';
import { readOpenAiRateLimits } from './openAiRateLimits';
import { phrase } from '../../core/domain/phrase';

/** Reference §5.1: 50,000 requests and 200 MB per input file; one model per file, to be safe. */
export const OPENAI_BATCH_LIMITS: BatchLimits = { maxRequests: 50_000, maxBytes: 200_000_000, perEntryOverheadBytes: 1, fixedOverheadBytes: 0, oneModelPerBatch: true };
const ENDPOINT = '/v1/chat/completions';
/** The metadata key our tag travels in. */
export const OPENAI_BATCH_TAG_KEY = 'ai_task_queue_job';

export interface OpenAiBatchClientOptions {
  readonly id?: string;
  readonly label?: string;
  /** Up to and including `/v1`, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  readonly getApiKey: () => Promise<string | undefined>;
  readonly baseUrlSetting?: string;
  readonly limits?: BatchLimits;
}

export class OpenAiBatchClient implements ProviderBatchApi {
  readonly providerId: string;
  readonly label: string;
  readonly limits: BatchLimits;
  private readonly endpoint: ProviderEndpoint;

  constructor(private readonly options: OpenAiBatchClientOptions) {
    this.providerId = options.id ?? 'openai';
    this.label = options.label ?? 'OpenAI';
    this.limits = options.limits ?? OPENAI_BATCH_LIMITS;
    this.endpoint = {
      providerId: this.providerId,
      label: this.label,
      baseUrl: options.baseUrl,
      ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }),
      readRateLimits: readOpenAiRateLimits,
    };
  }

  encode(request: BatchRequest): string {
    const messages = [...(request.systemPrompt ? [{ role: 'developer', content: request.systemPrompt }] : []), { role: 'user', content: request.prompt }];
    const body = { model: request.model, messages, ...(request.maxOutputTokens !== undefined && { max_completion_tokens: request.maxOutputTokens }) };
    return JSON.stringify({ custom_id: request.customId, method: 'POST', url: ENDPOINT, body });
  }

  async submit(submission: BatchSubmission, signal: AbortSignal): Promise<ProviderBatchState> {
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', joinedBlob(submission.entries, { separator: '\n', suffix: '\n', type: 'application/jsonl' }), 'requests.jsonl');
    const file = await this.json({ method: 'POST', path: '/files', rawBody: form }, signal);
    const fileId = (file as { id?: unknown } | null)?.id;
    if (typeof fileId !== 'string' || fileId === '') throw new ProviderError(phrase('provider.batch.fileNotNamed', { provider: this.label }), { kind: 'protocol', providerId: this.providerId });
    try {
      const batch = await this.json({ method: 'POST', path: '/batches', body: { input_file_id: fileId, endpoint: ENDPOINT, completion_window: '24h', metadata: { [OPENAI_BATCH_TAG_KEY]: submission.tag } } }, signal);
      return openAiBatchState(parseOpenAiBatch(batch, this.providerId, this.label));
    } catch (error) {
      // No batch uses the file: take it away again rather than leave it for 30 days. Best effort.
      await this.json({ method: 'DELETE', path: `/files/${encodeURIComponent(fileId)}` }, AbortSignal.timeout(10_000)).catch(() => undefined);
      throw error;
    }
  }

  async retrieve(batchId: string, signal: AbortSignal): Promise<ProviderBatchState> {
    return openAiBatchState(parseOpenAiBatch(await this.json({ method: 'GET', path: `/batches/${encodeURIComponent(batchId)}` }, signal), this.providerId, this.label));
  }

  async cancel(batchId: string, signal: AbortSignal): Promise<ProviderBatchState> {
    return openAiBatchState(parseOpenAiBatch(await this.json({ method: 'POST', path: `/batches/${encodeURIComponent(batchId)}/cancel` }, signal), this.providerId, this.label));
  }

  async *results(state: ProviderBatchState, signal: AbortSignal): AsyncIterable<BatchResult> {
    // Successes are in the output file, failures (and expired or cancelled requests) in the error file.
    for (const fileId of [state.resultsRef.output, state.resultsRef.errors]) {
      if (!fileId) continue;
      const apiKey = await this.key();
      const response = await providerFetch(this.endpoint, { method: 'GET', path: `/files/${encodeURIComponent(fileId)}/content`, headers: this.headers(apiKey), signal, secrets: [apiKey] });
      for await (const line of readJsonLines(response, { ...this.endpoint, signal, secrets: [apiKey] })) {
        const result = openAiBatchResult(line, this.providerId, this.label);
        if (result) yield result;
      }
    }
  }

  async findSubmitted(tag: string, since: number, _requestCount: number, signal: AbortSignal): Promise<ProviderBatchState | undefined> {
    const list = await this.json({ method: 'GET', path: '/batches?limit=100' }, signal);
    const data = (list as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new ProviderError(phrase('provider.batch.listWithoutData', { provider: this.label }), { kind: 'protocol', providerId: this.providerId });
    for (const item of data) {
      const batch = parseOpenAiBatch(item, this.providerId, this.label);
      if (batch.metadata?.[OPENAI_BATCH_TAG_KEY] === tag && (batch.created_at ?? Infinity) * 1000 >= since) return openAiBatchState(batch);
    }
    return undefined;
  }

  private async json(request: Omit<ProviderRequest, 'headers' | 'signal' | 'secrets'>, signal: AbortSignal): Promise<unknown> {
    const apiKey = await this.key();
    const contentType = request.body !== undefined ? 'application/json' : undefined;
    const response = await providerFetch(this.endpoint, { ...request, headers: this.headers(apiKey, contentType), signal, secrets: [apiKey] });
    return readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] });
  }

  private headers(apiKey: string, contentType?: string): Record<string, string> {
    return { Accept: 'application/json', Authorization: `Bearer ${apiKey}`, ...(contentType && { 'Content-Type': contentType }) };
  }

  private async key(): Promise<string> {
    const key = await readApiKey(this.options.getApiKey, this.providerId, this.label);
    if (!key) throw new ProviderError(missingKeyMessage(this.label), { kind: 'auth', providerId: this.providerId });
    return key;
  }
}
