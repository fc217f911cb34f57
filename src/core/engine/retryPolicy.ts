// How long to wait before the next attempt. Mirrors the official SDKs (exponential backoff
// 0.5 s × 2^n capped at 8 s, with 75–100 % jitter; a server's retry-after-ms / retry-after wins)
// but caps any single wait, so a hostile header cannot park a task for an hour. A server that asks
// for more than the cap is not retried early against its word: the task stops retrying instead.
import { ProviderError } from '../domain/chatProvider';

export interface RetryPolicy {
  /** Attempts in total, including the first (1 = never retry). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxBackoffMs: number;
  /** Upper bound on any single wait, including a server-requested one. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxBackoffMs: 8_000, maxWaitMs: 60_000 };

/** Delay before retry number `retryIndex` (0 for the first retry). `random` returns [0, 1). */
export function retryDelayMs(policy: RetryPolicy, retryIndex: number, error: unknown, random: () => number): number {
  const serverMs = error instanceof ProviderError ? error.details.retryAfterMs : undefined;
  if (serverMs !== undefined && Number.isFinite(serverMs) && serverMs >= 0) return Math.min(serverMs, policy.maxWaitMs);
  const backoff = Math.min(policy.baseDelayMs * 2 ** retryIndex, policy.maxBackoffMs);
  const jitter = 1 - random() * 0.25;
  return Math.min(Math.round(backoff * jitter), policy.maxWaitMs);
}

/** The server-requested wait when it is longer than one wait may be (the task then stops retrying). */
export function serverWaitBeyondCap(policy: RetryPolicy, error: unknown): number | undefined {
  const serverMs = error instanceof ProviderError ? error.details.retryAfterMs : undefined;
  return serverMs !== undefined && Number.isFinite(serverMs) && serverMs > policy.maxWaitMs ? serverMs : undefined;
}
