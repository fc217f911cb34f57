// ChatProvider for any OpenAI Chat Completions server: OpenAI itself and the local servers
// (Ollama, LM Studio, vLLM, llama.cpp). Differences between them are options, not subclasses.
import type { ChatProvider, ChatRequest, ModelInfo, StreamPart } from '../../core/domain/chatProvider';
import { ProviderError } from '../../core/domain/chatProvider';
import { openAiCompletionParts } from './openAiCompletionParts';
import { parseOpenAiModelList } from './openAiModelList';
import { readOpenAiRateLimits } from './openAiRateLimits';
import { openAiStreamParts } from './openAiStreamParts';
import { providerFetch, type ProviderEndpoint } from '../http/providerFetch';
import { readApiKey } from '../http/readApiKey';
import { readJsonBody } from '../http/readJsonBody';
import { readSseEvents } from '../http/readSseEvents';
import type { StreamContext } from '../http/streamContext';
import { transportError } from '../http/transportError';
import { phrase, type Phrase } from '../../core/domain/phrase';

export interface OpenAiCompatibleOptions {
  readonly id: string;
  readonly label: string;
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1`. */
  readonly baseUrl: string;
  readonly local: boolean;
  /** Read per request so a key set while tasks are queued is picked up. Undefined = no header. */
  readonly getApiKey: () => Promise<string | undefined>;
  /** Local servers honour only `max_tokens`; OpenAI reasoning models need `max_completion_tokens`. */
  readonly tokenParam?: 'max_tokens' | 'max_completion_tokens';
  /** OpenAI's newer models prefer `developer`; compatible servers know `system`. */
  readonly systemRole?: 'system' | 'developer';
  /** Sends `stream_options.include_usage` (default true); a few servers reject the field. */
  readonly includeUsage?: boolean;
  /** When set, a missing key fails before any request with this message (kind "auth"). */
  readonly missingKeyMessage?: Phrase;
  /** The setting the base URL came from, named when it is unusable or redirects elsewhere. */
  readonly baseUrlSetting?: string;
}

export class OpenAiCompatibleProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly local: boolean;
  private readonly endpoint: ProviderEndpoint;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.id;
    this.label = options.label;
    this.local = options.local;
    this.endpoint = {
      providerId: options.id,
      label: options.label,
      baseUrl: options.baseUrl,
      ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }),
      readRateLimits: readOpenAiRateLimits,
    };
  }

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart, void, undefined> {
    const apiKey = await this.readApiKey();
    const response = await providerFetch(this.endpoint, {
      method: 'POST',
      path: '/chat/completions',
      headers: this.headers(apiKey, 'application/json'),
      body: this.requestBody(request),
      signal,
      secrets: [apiKey],
    });
    const transport = { ...this.endpoint, signal, secrets: [apiKey] };
    const context: StreamContext = { providerId: this.id, label: this.label };
    const limits = readOpenAiRateLimits(response.headers);
    if (limits) yield { type: 'rateLimit', limits };
    const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
    if (contentType.includes('application/json')) {
      yield* openAiCompletionParts(await readJsonBody(response, transport), context);
      return;
    }
    if (contentType.includes('text/html') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new ProviderError(phrase('provider.webPageNotStream', { provider: this.label }), { kind: 'protocol', providerId: this.id });
    }
    try {
      yield* openAiStreamParts(readSseEvents(response.body, this.id), context);
    } catch (error) {
      throw transportError(error, 'body', transport);
    }
  }

  async listModels(signal: AbortSignal): Promise<readonly ModelInfo[]> {
    const apiKey = await this.readApiKey();
    const response = await providerFetch(this.endpoint, { method: 'GET', path: '/models', headers: this.headers(apiKey), signal, secrets: [apiKey] });
    return parseOpenAiModelList(await readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] }), this.id);
  }

  private requestBody(request: ChatRequest): Record<string, unknown> {
    const messages = [
      ...(request.systemPrompt ? [{ role: this.options.systemRole ?? 'system', content: request.systemPrompt }] : []),
      { role: 'user', content: request.prompt },
    ];
    return {
      model: request.model,
      messages,
      stream: true,
      ...(this.options.includeUsage !== false && { stream_options: { include_usage: true } }),
      ...(request.maxOutputTokens !== undefined && { [this.options.tokenParam ?? 'max_tokens']: request.maxOutputTokens }),
      ...(request.temperature !== undefined && { temperature: request.temperature }),
    };
  }

  private headers(apiKey: string | undefined, contentType?: string): Record<string, string> {
    return {
      Accept: 'application/json',
      ...(contentType && { 'Content-Type': contentType }),
      ...(apiKey && { Authorization: `Bearer ${apiKey}` }),
    };
  }

  private async readApiKey(): Promise<string | undefined> {
    const key = await readApiKey(this.options.getApiKey, this.id, this.label);
    if (key === undefined && this.options.missingKeyMessage) {
      throw new ProviderError(this.options.missingKeyMessage, { kind: 'auth', providerId: this.id });
    }
    return key;
  }
}
