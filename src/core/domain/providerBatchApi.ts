// The port the batch job logic (src/core/batches) calls to run requests in a provider's own batch
// service: OpenAI's Batch API and Anthropic's Message Batches. Implementations live in
// src/providers/{openai,anthropic}; both map their vendor's words into these shapes, so the job
// logic never knows which one it is talking to. Results arrive as a stream: a results file may be
// hundreds of megabytes, and is never held whole.
import type { ProviderError } from './chatProvider';
import type { Phrase } from './phrase';
import type { TokenUsage } from './tokenUsage';

/** One request of a batch, as the job logic knows it. */
export interface BatchRequest {
  /** Unique within a job; the provider hands it back with the result. */
  readonly customId: string;
  readonly model: string;
  readonly prompt: string;
  readonly systemPrompt?: string;
  readonly maxOutputTokens?: number;
}

/** What one provider batch may hold (reference §5). */
export interface BatchLimits {
  readonly maxRequests: number;
  /** Bytes of the submitted body (OpenAI: the uploaded JSONL file; Anthropic: the request body). */
  readonly maxBytes: number;
  /** Bytes the body adds per entry beyond the entry itself (a newline, a comma) and in total. */
  readonly perEntryOverheadBytes: number;
  readonly fixedOverheadBytes: number;
  /** Every request of one batch must name the same model (so a comparison is split by model). */
  readonly oneModelPerBatch: boolean;
}

/** Where a batch is in its life, in words common to both providers. */
export type BatchPhase = 'validating' | 'in_progress' | 'finalizing' | 'cancelling' | 'ended';
/** How an ended batch ended. */
export type BatchOutcome = 'completed' | 'failed' | 'expired' | 'cancelled';

export interface BatchCounts {
  readonly total: number;
  /** Requests that reached a result (succeeded, errored, cancelled or expired). */
  readonly done: number;
  /** Of `done`, those that did not succeed. */
  readonly failed: number;
}

/** A line of the input the provider refused while validating (OpenAI's `errors.data`). */
export interface BatchLineError {
  /** 1-based line of the input file, when the provider names one. */
  readonly line?: number;
  readonly code?: string;
  /** The provider's own words; absent when it gave none. */
  readonly message?: string;
}

export interface ProviderBatchState {
  /** The provider's id of the batch, e.g. "batch_abc" or "msgbatch_abc". */
  readonly id: string;
  readonly phase: BatchPhase;
  /** The provider's own word for it ("validating", "in_progress", "canceling", …), shown in tooltips. */
  readonly providerStatus: string;
  /** Set once `phase` is "ended". */
  readonly outcome?: BatchOutcome;
  readonly counts: BatchCounts;
  /** False while the provider does not report progress (Anthropic counts only at the end). */
  readonly progressKnown: boolean;
  /** Epoch ms. */
  readonly createdAt?: number;
  readonly expiresAt?: number;
  readonly endedAt?: number;
  /** Why a batch failed as a whole (e.g. its input did not validate). */
  readonly problem?: Phrase;
  readonly lineErrors?: readonly BatchLineError[];
  /** What `results` needs to find the results (file ids, a results path); opaque to the job logic. */
  readonly resultsRef: Readonly<Record<string, string>>;
}

/** The result of one request, by its custom_id. */
export type BatchResult =
  /** `usage` is missing when the provider reported none (a gateway); the job logic estimates it then. */
  | { readonly customId: string; readonly kind: 'succeeded'; readonly text: string; readonly usage?: TokenUsage; readonly finishReason?: string }
  /** The provider ran it and it failed (or refused it); the error is classified like any provider error. */
  | { readonly customId: string; readonly kind: 'errored'; readonly error: ProviderError }
  | { readonly customId: string; readonly kind: 'cancelled' }
  | { readonly customId: string; readonly kind: 'expired' };

/** One provider batch to create: its requests, encoded by `encode`, and a tag to find it again. */
export interface BatchSubmission {
  /** Names the batch as ours, e.g. "<job id>:<part>" (sent as metadata where the provider keeps it). */
  readonly tag: string;
  readonly entries: readonly string[];
}

export interface ProviderBatchApi {
  readonly providerId: string;
  /** Shown to people, e.g. "OpenAI". */
  readonly label: string;
  readonly limits: BatchLimits;
  /** The request exactly as it is sent (a JSONL line, an element of `requests`); its UTF-8 length counts towards `maxBytes`. */
  encode(request: BatchRequest): string;
  /** Creates one provider batch (uploading its input first where the provider needs a file). */
  submit(submission: BatchSubmission, signal: AbortSignal): Promise<ProviderBatchState>;
  retrieve(batchId: string, signal: AbortSignal): Promise<ProviderBatchState>;
  /** Asks the provider to cancel; requests already done keep their results. */
  cancel(batchId: string, signal: AbortSignal): Promise<ProviderBatchState>;
  /** Streams the results of an ended batch, in whatever order the provider wrote them. */
  results(state: ProviderBatchState, signal: AbortSignal): AsyncIterable<BatchResult>;
  /**
   * After a restart in the middle of `submit`: the batch the provider created for `tag` since
   * `since` (epoch ms), holding `requestCount` requests, if there is one; undefined when none was created.
   */
  findSubmitted(tag: string, since: number, requestCount: number, signal: AbortSignal): Promise<ProviderBatchState | undefined>;
}
