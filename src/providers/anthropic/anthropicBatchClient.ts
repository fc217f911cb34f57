// Anthropic's Message Batches (reference §5.2): one `POST /v1/messages/batches` with every request
// (its body assembled as a Blob from the encoded requests, never one string of up to 256 MB),
// checked with `GET /v1/messages/batches/{id}`, cancelled with `…/cancel`, and its results file
// streamed line by line once it has ended. The results are fetched from the batch's `results_url`
// only when that is on the configured origin: the key is never sent anywhere else.
import { ProviderError } from '../../core/domain/chatProvider';
import type { BatchLimits, BatchRequest, BatchResult, BatchSubmission, ProviderBatchApi, ProviderBatchState } from '../../core/domain/providerBatchApi';
import { joinedBlob } from '../http/joinedBlob';
import { missingKeyMessage } from '../http/missingKeyMessage';
import { providerFetch, type ProviderEndpoint, type ProviderRequest } from '../http/providerFetch';
import { readApiKey } from '../http/readApiKey';
import { readJsonBody } from '../http/readJsonBody';
import { readJsonLines } from '../http/readJsonLines';
import { anthropicBatchResult, anthropicBatchState, parseAnthropicBatch, type AnthropicBatch } from './anthropicBatchParse';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_VERSION } from './anthropicProvider';
import { readAnthropicRateLimits } from './anthropicRateLimits';
import { phrase } from '../../core/domain/phrase';

/** Reference §5.2: 100,000 requests or 256 MB per batch; models may be mixed. */
export const ANTHROPIC_BATCH_LIMITS: BatchLimits = { maxRequests: 100_000, maxBytes: 256_000_000, perEntryOverheadBytes: 1, fixedOverheadBytes: '{"requests":[]}'.length, oneModelPerBatch: false };

export interface AnthropicBatchClientOptions {
  readonly id?: string;
  readonly label?: string;
  /** Without `/v1`, e.g. `https://api.anthropic.com`. */
  readonly baseUrl: string;
  readonly getApiKey: () => Promise<string | undefined>;
  readonly baseUrlSetting?: string;
  readonly defaultMaxTokens?: number;
  readonly limits?: BatchLimits;
}

export class AnthropicBatchClient implements ProviderBatchApi {
  readonly providerId: string;
  readonly label: string;
  readonly limits: BatchLimits;
  private readonly endpoint: ProviderEndpoint;

  constructor(private readonly options: AnthropicBatchClientOptions) {
    this.providerId = options.id ?? 'anthropic';
    this.label = options.label ?? 'Anthropic';
    this.limits = options.limits ?? ANTHROPIC_BATCH_LIMITS;
    this.endpoint = {
      providerId: this.providerId,
      label: this.label,
      baseUrl: options.baseUrl,
      ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }),
      readRateLimits: (h) => readAnthropicRateLimits(h),
    };
  }

  encode(request: BatchRequest): string {
    const params = {
      model: request.model,
      max_tokens: request.maxOutputTokens ?? this.options.defaultMaxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
      ...(request.systemPrompt && { system: request.systemPrompt }),
      messages: [{ role: 'user', content: request.prompt }],
    };
    return JSON.stringify({ custom_id: request.customId, params });
  }

  async submit(submission: BatchSubmission, signal: AbortSignal): Promise<ProviderBatchState> {
    const body = joinedBlob(submission.entries, { prefix: '{"requests":[', separator: ',', suffix: ']}', type: 'application/json' });
    return this.state(await this.json({ method: 'POST', path: '/v1/messages/batches', rawBody: body }, signal));
  }

  async retrieve(batchId: string, signal: AbortSignal): Promise<ProviderBatchState> {
    return this.state(await this.json({ method: 'GET', path: `/v1/messages/batches/${encodeURIComponent(batchId)}` }, signal));
  }

  async cancel(batchId: string, signal: AbortSignal): Promise<ProviderBatchState> {
    return this.state(await this.json({ method: 'POST', path: `/v1/messages/batches/${encodeURIComponent(batchId)}/cancel` }, signal));
  }

  async *results(state: ProviderBatchState, signal: AbortSignal): AsyncIterable<BatchResult> {
    const apiKey = await this.key();
    const path = state.resultsRef.path ?? this.defaultResultsPath(state.id);
    const response = await providerFetch(this.endpoint, { method: 'GET', path, headers: { ...this.headers(apiKey), accept: 'application/binary' }, signal, secrets: [apiKey] });
    for await (const line of readJsonLines(response, { ...this.endpoint, signal, secrets: [apiKey] })) {
      const result = anthropicBatchResult(line, this.providerId, this.label);
      if (result) yield result;
    }
  }

  /** Anthropic keeps no metadata on a batch: ours is the one created since then with exactly that many requests. */
  async findSubmitted(_tag: string, since: number, requestCount: number, signal: AbortSignal): Promise<ProviderBatchState | undefined> {
    const list = await this.json({ method: 'GET', path: '/v1/messages/batches?limit=100' }, signal);
    const data = (list as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new ProviderError(phrase('provider.batch.listWithoutData', { provider: this.label }), { kind: 'protocol', providerId: this.providerId });
    const candidates = data
      .map((item) => this.state(item))
      .filter((s) => (s.createdAt ?? -Infinity) >= since && s.counts.total === requestCount)
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
    return candidates[0];
  }

  private state(json: unknown): ProviderBatchState {
    const batch = parseAnthropicBatch(json, this.providerId, this.label);
    return anthropicBatchState(batch, this.resultsPath(batch));
  }

  /** The results_url as a path under the configured base URL; the documented path when it points anywhere else. */
  private resultsPath(batch: AnthropicBatch): string {
    const fallback = this.defaultResultsPath(batch.id);
    if (!batch.results_url) return fallback;
    try {
      const base = new URL(this.options.baseUrl);
      const url = new URL(batch.results_url, base);
      const basePath = base.pathname.replace(/\/+$/, '');
      if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) return fallback;
      return `${url.pathname.slice(basePath.length)}${url.search}`;
    } catch {
      return fallback;
    }
  }

  private defaultResultsPath(batchId: string): string {
    return `/v1/messages/batches/${encodeURIComponent(batchId)}/results`;
  }

  private async json(request: Omit<ProviderRequest, 'headers' | 'signal' | 'secrets'>, signal: AbortSignal): Promise<unknown> {
    const apiKey = await this.key();
    const response = await providerFetch(this.endpoint, { ...request, headers: this.headers(apiKey), signal, secrets: [apiKey] });
    return readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] });
  }

  private headers(apiKey: string): Record<string, string> {
    return { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json', accept: 'application/json' };
  }

  private async key(): Promise<string> {
    const key = await readApiKey(this.options.getApiKey, this.providerId, this.label);
    if (!key) throw new ProviderError(missingKeyMessage(this.label), { kind: 'auth', providerId: this.providerId });
    return key;
  }
}
