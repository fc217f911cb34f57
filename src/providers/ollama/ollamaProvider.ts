// ChatProvider for Ollama's native API (POST /api/chat, NDJSON; models from /api/tags). Chosen over
// Ollama's /v1 layer because only the native API can set the context window (num_ctx), without
// which Ollama silently truncates long prompts (reference §3.1), and it reports usage always.
import type { ChatProvider, ChatRequest, ModelInfo, StreamPart } from '../../core/domain/chatProvider';
import { ProviderError } from '../../core/domain/chatProvider';
import * as v from 'valibot';
import { ollamaStreamParts } from './ollamaStreamParts';
import { providerFetch, type ProviderEndpoint } from '../http/providerFetch';
import { readApiKey } from '../http/readApiKey';
import { readJsonBody } from '../http/readJsonBody';
import { readNdjsonLines } from '../http/readNdjsonLines';
import { transportError } from '../http/transportError';
import { phrase } from '../../core/domain/phrase';

export interface OllamaProviderOptions {
  readonly id?: string;
  readonly label?: string;
  /** The server origin, e.g. `http://127.0.0.1:11434`; a trailing `/v1` is tolerated and dropped. */
  readonly baseUrl?: string;
  /** Ollama needs no key; one is sent as Bearer when set (e.g. behind an authenticating proxy). */
  readonly getApiKey?: () => Promise<string | undefined>;
  /** Context window in tokens (`options.num_ctx`); the server default applies when unset. */
  readonly contextTokens?: number;
  /** The setting the base URL came from, named when it is unusable or redirects elsewhere. */
  readonly baseUrlSetting?: string;
}

const tagsSchema = v.object({ models: v.array(v.object({ name: v.string() })) });

export class OllamaProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly local = true;
  private readonly endpoint: ProviderEndpoint;

  constructor(private readonly options: OllamaProviderOptions = {}) {
    this.id = options.id ?? 'ollama';
    this.label = options.label ?? 'Ollama';
    const baseUrl = (options.baseUrl ?? 'http://127.0.0.1:11434').replace(/\/+$/, '').replace(/\/v1$/, '');
    this.endpoint = { providerId: this.id, label: this.label, baseUrl, ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }), readRateLimits: () => undefined };
  }

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart, void, undefined> {
    const apiKey = await this.readKey();
    const modelOptions = {
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.maxOutputTokens !== undefined && { num_predict: request.maxOutputTokens }),
      ...(this.options.contextTokens !== undefined && { num_ctx: this.options.contextTokens }),
    };
    const response = await providerFetch(this.endpoint, {
      method: 'POST',
      path: '/api/chat',
      headers: this.headers(apiKey),
      body: {
        model: request.model,
        messages: [...(request.systemPrompt ? [{ role: 'system', content: request.systemPrompt }] : []), { role: 'user', content: request.prompt }],
        stream: true,
        ...(Object.keys(modelOptions).length > 0 && { options: modelOptions }),
      },
      signal,
      secrets: [apiKey],
    });
    if (!response.body) throw new ProviderError(phrase('provider.emptyResponse', { provider: this.label }), { kind: 'protocol', providerId: this.id });
    try {
      yield* ollamaStreamParts(readNdjsonLines(response.body, this.id), { providerId: this.id, label: this.label }, `${request.systemPrompt ?? ''}${request.prompt}`);
    } catch (error) {
      throw transportError(error, 'body', { ...this.endpoint, signal, secrets: [apiKey] });
    }
  }

  async listModels(signal: AbortSignal): Promise<readonly ModelInfo[]> {
    const apiKey = await this.readKey();
    const response = await providerFetch(this.endpoint, { method: 'GET', path: '/api/tags', headers: this.headers(apiKey), signal, secrets: [apiKey] });
    const parsed = v.safeParse(tagsSchema, await readJsonBody(response, { ...this.endpoint, signal, secrets: [apiKey] }));
    if (!parsed.success) throw new ProviderError(phrase('provider.models.notOllama', {}), { kind: 'protocol', providerId: this.id });
    return parsed.output.models.map((m) => ({ id: m.name }));
  }

  private headers(apiKey: string | undefined): Record<string, string> {
    return { 'content-type': 'application/json', accept: 'application/x-ndjson, application/json', ...(apiKey && { authorization: `Bearer ${apiKey}` }) };
  }

  private readKey(): Promise<string | undefined> {
    return this.options.getApiKey ? readApiKey(this.options.getApiKey, this.id, this.label) : Promise.resolve(undefined);
  }
}
