// Per-minute limits a provider advertises in its rate-limit headers, so a provider whose limits
// nobody configured is still paced to them instead of being driven into 429s. A header's limit is
// taken as per-minute only when the same answer's own arithmetic says so: what is used
// (limit − remaining) refills in `reset` at a rate of limit per window, so
// window = reset × limit ÷ used. Some servers send per-day counts in the same headers (Groq's
// requests), and reading a per-second limit as per-minute would pace 60 times too slowly; both
// fail the check and are ignored.
import type { RateLimitSnapshot } from '../domain/chatProvider';

export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/** Estimated windows within this range count as "per minute" (resets are rounded by servers). */
const MIN_WINDOW_MS = 30_000;
const MAX_WINDOW_MS = 120_000;

/** The per-minute limits this snapshot proves; fields it cannot prove are absent. */
export function advertisedLimits(snapshot: RateLimitSnapshot): RateLimits {
  const requestsPerMinute = perMinute(snapshot.limitRequests, snapshot.remainingRequests, snapshot.resetRequestsMs);
  // A budget of input tokens only (Anthropic's ITPM) would be charged our prompt + output estimate;
  // pacing against it would be too slow, so only a combined token budget is adopted.
  const tokensPerMinute = snapshot.inputTokensOnly ? undefined : perMinute(snapshot.limitTokens, snapshot.remainingTokens, snapshot.resetTokensMs);
  return {
    ...(requestsPerMinute !== undefined && { requestsPerMinute }),
    ...(tokensPerMinute !== undefined && { tokensPerMinute }),
  };
}

function perMinute(limit: number | undefined, remaining: number | undefined, resetMs: number | undefined): number | undefined {
  if (limit === undefined || remaining === undefined || resetMs === undefined || !(limit > 0)) return undefined;
  const used = limit - remaining;
  if (used <= 0 || resetMs <= 0) return undefined;
  const windowMs = (resetMs * limit) / used;
  return windowMs >= MIN_WINDOW_MS && windowMs <= MAX_WINDOW_MS ? limit : undefined;
}
