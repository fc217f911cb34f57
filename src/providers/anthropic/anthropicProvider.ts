// ChatProvider for Anthropic's Messages API (reference §2): x-api-key auth, a required max_tokens,
// the system prompt as a top-level field, and Anthropic's own SSE event sequence.
import type { ChatProvider, ChatRequest, ModelInfo, StreamPart } from '../../core/domain/chatProvider';
import { ProviderError } from '../../core/domain/chatProvider';
import { anthropicStreamParts } from './anthropicStreamParts';
import { parseAnthropicModelList } from './anthropicModelList';
import { readAnthropicRateLimits } from './anthropicRateLimits';
import { providerFetch, type ProviderEndpoint } from '../http/providerFetch';
import { readJsonBody } from '../http/readJsonBody';
import { readSseEvents } from '../http/readSseEvents';
import { missingKeyMessage } from '../http/missingKeyMessage';
import { readApiKey } from '../http/readApiKey';
import { transportError } from '../http/transportError';
import { phrase } from '../../core/domain/phrase';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Messages API requires max_tokens; used when the task does not set one. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicProviderOptions {
  readonly id?: string;
  readonly label?: string;
  /** Without `/v1`, e.g. `https://api.anthropic.com`. */
  readonly baseUrl?: string;
  readonly getApiKey: () => Promise<string | undefined>;
  readonly defaultMaxTokens?: number;
  /** The setting the base URL came from, named when it is unusable or redirects elsewhere. */
  readonly baseUrlSetting?: string;
}

export class AnthropicProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly local = false;
  private readonly endpoint: ProviderEndpoint;

  constructor(private readonly options: AnthropicProviderOptions) {
    this.id = options.id ?? 'anthropic';
    this.label = options.label ?? 'Anthropic';
    this.endpoint = {
      providerId: this.id,
      label: this.label,
      baseUrl: options.baseUrl ?? 'https://api.anthropic.com',
      ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }),
      readRateLimits: (h) => readAnthropicRateLimits(h),
    };
  }

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart, void, undefined> {
    const apiKey = await this.requireApiKey();
    const response = await providerFetch(this.endpoint, {
      method: 'POST',
      path: '/v1/messages',
      headers: this.headers(apiKey),
      body: {
        model: request.model,
        max_tokens: request.maxOutputTokens ?? this.options.defaultMaxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
        ...(request.systemPrompt && { system: request.systemPrompt }),
        messages: [{ role: 'user', content: request.prompt }],
        stream: true,
        ...(request.temperature !== undefined && { temperature: request.temperature }),
      },
      signal,
      secrets: [apiKey],
    });
    const limits = readAnthropicRateLimits(response.headers);
    if (limits) yield { type: 'rateLimit', limits };
    if (!response.body) throw new ProviderError(phrase('provider.emptyResponse', { provider: this.label }), { kind: 'protocol', providerId: this.id });
    try {
      yield* anthropicStreamParts(readSseEvents(response.body, this.id), { providerId: this.id, label: this.label });
    } catch (error) {
      throw transportError(error, 'body', { ...this.endpoint, signal, secrets: [apiKey] });
    }
  }

  /** Reference §2.1: POST /v1/messages/count_tokens takes the request body minus max_tokens and stream. */
  async countInputTokens(request: ChatRequest, signal: AbortSignal): Promise<number> {
    const apiKey = await this.requireApiKey();
    const response = await providerFetch(this.endpoint, {
      method: 'POST',
      path: '/v1/messages/count_tokens',
      headers: this.headers(apiKey),
      body: { model: request.model, ...(request.systemPrompt && { system: request.systemPrompt }), messages: [{ role: 'user', content: request.prompt }] },
      signal,
      secrets: [apiKey],
    });
    const body = await readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] });
    const tokens = (body as { input_tokens?: unknown } | null)?.input_tokens;
    if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 0) throw new ProviderError(phrase('provider.tokenCountWithoutInput', { provider: this.label }), { kind: 'protocol', providerId: this.id });
    return tokens;
  }

  async listModels(signal: AbortSignal): Promise<readonly ModelInfo[]> {
    const apiKey = await this.requireApiKey();
    const response = await providerFetch(this.endpoint, { method: 'GET', path: '/v1/models?limit=1000', headers: this.headers(apiKey), signal, secrets: [apiKey] });
    return parseAnthropicModelList(await readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] }), this.id);
  }

  private headers(apiKey: string): Record<string, string> {
    return { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json', accept: 'application/json' };
  }

  private async requireApiKey(): Promise<string> {
    const key = await readApiKey(this.options.getApiKey, this.id, this.label);
    if (!key) throw new ProviderError(missingKeyMessage(this.label), { kind: 'auth', providerId: this.id });
    return key;
  }
}
