// The port the engine calls to reach a model. Implementations live in src/providers (plain Node HTTP
// clients) and in the VS Code LM adapter; the engine never knows which one it is talking to.
import type { TokenUsage } from './tokenUsage';
import { phraseId, type Phrase } from './phrase';

export interface ChatRequest {
  readonly model: string;
  readonly prompt: string;
  readonly systemPrompt?: string;
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
}

/** Rate-limit headroom a provider reported, normalized across vendors. All fields optional. */
export interface RateLimitSnapshot {
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the request budget fully resets. */
  readonly resetRequestsMs?: number;
  readonly resetTokensMs?: number;
  /** The token figures count input tokens only (Anthropic's input-tokens budget), not input + output. */
  readonly inputTokensOnly?: boolean;
}

export type StreamPart =
  | { readonly type: 'text'; readonly text: string }
  /** May arrive more than once; the last one wins (Anthropic counts are cumulative). */
  | { readonly type: 'usage'; readonly usage: TokenUsage }
  | { readonly type: 'rateLimit'; readonly limits: RateLimitSnapshot }
  | { readonly type: 'finish'; readonly reason: string };

export interface ModelInfo {
  readonly id: string;
  readonly label?: string;
}

export interface ChatProvider {
  /** Stable id used in settings and on tasks, e.g. "openai", "ollama". */
  readonly id: string;
  readonly label: string;
  /** Local servers cost nothing. */
  readonly local: boolean;
  /**
   * No per-token price exists for this provider (VS Code's LM API): cost is always unknown, even
   * when a model id looks like a priced vendor model.
   */
  readonly unpriced?: boolean;
  /**
   * A stand-in that makes text up without any model (the offline simulator). Tasks submitted to it
   * are marked simulated for good, so the mark survives a restart without the simulator.
   */
  readonly simulated?: boolean;
  /**
   * Streams one completion. Must stop promptly and throw a ProviderError of kind "aborted" when
   * `signal` aborts, closing the underlying HTTP request.
   */
  streamChat(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  listModels(signal: AbortSignal): Promise<readonly ModelInfo[]>;
  /**
   * The provider's own count of a request's input tokens, without generating (Anthropic's
   * count_tokens, VS Code's countTokens). Absent when the provider has none.
   */
  countInputTokens?(request: ChatRequest, signal: AbortSignal): Promise<number>;
}

/**
 * `auth`: no usable key (missing, unreadable, or not sendable as a header). `config`: a setting is
 * wrong (the base URL), named in `setting`; no request left, or the answer was not followed.
 */
export type ProviderErrorKind = 'http' | 'network' | 'stream' | 'protocol' | 'aborted' | 'auth' | 'config';

export interface ProviderErrorDetails {
  readonly kind: ProviderErrorKind;
  readonly providerId: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The vendor's error type, e.g. "rate_limit_error", "server_error". */
  readonly vendorType?: string;
  /** The vendor's error code, e.g. "insufficient_quota", "context_length_exceeded". */
  readonly vendorCode?: string;
  /** Server-requested delay before retrying (retry-after-ms / retry-after), already parsed. */
  readonly retryAfterMs?: number;
  /** The `x-should-retry` header, when present; it overrides the status-based decision. */
  readonly shouldRetry?: boolean;
  readonly requestId?: string;
  readonly rateLimits?: RateLimitSnapshot;
  /** For kind "config": the setting to fix, e.g. "aiTaskQueue.providers.openai.baseUrl". */
  readonly setting?: string;
}

/**
 * The only error type providers throw. Its reason is shown to people (in their language, by the
 * adapters), so it must never contain a key or an Authorization header; `message` is the reason's
 * language-neutral id, for log lines and stack traces.
 */
export class ProviderError extends Error {
  readonly details: ProviderErrorDetails;

  constructor(
    readonly reason: Phrase,
    details: ProviderErrorDetails,
  ) {
    super(phraseId(reason));
    this.name = 'ProviderError';
    this.details = details;
  }
}
