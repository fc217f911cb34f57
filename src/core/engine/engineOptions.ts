// What the engine is built with, and the small shapes its facade returns. Kept apart from the
// facade so taskEngine.ts reads as the commands it serves.
import type { ChatProvider } from '../domain/chatProvider';
import type { Phrase } from '../domain/phrase';
import type { CircuitBreakerOptions } from '../limits/circuitBreaker';
import type { Clock } from '../domain/clock';
import type { ProviderLimitsById } from '../limits/providerLimits';
import type { PriceBook } from '../usage/priceBook';
import type { ResponseCachePort } from '../domain/responseCachePort';
import type { RetryPolicy } from './retryPolicy';
import type { TaskLogEntry } from './taskLog';
import type { GovernorDefaults } from '../limits/providerGovernor';
import type { QualityCheck, QualityScore } from '../domain/quality';

export interface TaskEngineOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly providers: (providerId: string) => ChatProvider | undefined;
  readonly priceBook: () => PriceBook;
  readonly concurrency: number;
  readonly defaultTimeoutMs: number;
  readonly idleTimeoutMs?: number;
  readonly retryPolicy?: RetryPolicy;
  /** Jitter source; tests pass a fixed one. */
  readonly random?: () => number;
  /** Defaults for providers the user set no limits for: a local server's in-flight cap, a remote one's starting rate. */
  readonly providerDefaults?: Partial<GovernorDefaults>;
  /** Per-provider concurrency, requests/min and tokens/min (the `aiTaskQueue.providerLimits` setting). */
  readonly providerLimits?: ProviderLimitsById;
  readonly breaker?: CircuitBreakerOptions;
  /** Upper bound on the sum of one task's waits between attempts (default 60 s). */
  readonly retryBudgetMs?: number;
  /** Pause the queue when a task fails. */
  readonly pauseOnFailure?: boolean;
  /** Diagnostics for the log: listener errors and refused (contract-breaking) events. */
  readonly onDiagnostic?: (message: string) => void;
  /** Lines about one task and attempt (attempts made, why one failed, what comes next). */
  readonly onTaskLog?: (entry: TaskLogEntry) => void;
  /** Stored answers to identical requests; a hit completes the task at once, unsent. */
  readonly responseCache?: ResponseCachePort;
  /** Scores a completed task's output against the checks it carries. */
  readonly scoreOutput?: (checks: readonly QualityCheck[], output: string) => QualityScore | undefined;
}

export const DEFAULT_RETRY_BUDGET_MS = 60_000;

export interface RestoreResult {
  readonly requeued: string[];
  /** Failed with INTERRUPTED: were running when a session ended (this one's or an older one's). */
  readonly interrupted: string[];
  readonly finished: string[];
  /** Waiting at their provider (a provider batch): back as they were, never queued or interrupted. */
  readonly atProvider: string[];
}

export interface QueueState {
  readonly paused: boolean;
  readonly concurrency: number;
  /** Why no task starts for now (the extension host is under pressure); undefined when they may. */
  readonly throttled?: Phrase;
  /** Why the queue is paused, as the end of "paused: …" ("you paused it"); only while paused. */
  readonly pauseReason?: Phrase;
}
