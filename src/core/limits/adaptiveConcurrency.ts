// How many requests one provider gets at once, learned from its answers (AIMD, as TCP does it):
// halve on congestion — a 429, or rate-limit headers showing the budget nearly spent — and add
// back one slot per window of successes. The configured limit is the ceiling it recovers to.
import type { RateLimitSnapshot } from '../domain/chatProvider';

/** Below this share of a limit left, the provider is treated as congested. */
export const LOW_HEADROOM_RATIO = 0.1;

/** The ceiling when no per-provider concurrency is configured (the global setting's maximum). */
export const DEFAULT_ADAPTIVE_CEILING = 64;

export class AdaptiveConcurrency {
  private limit: number;
  /** Successes since the limit last changed; counted in whole numbers so no float drift creeps in. */
  private successes = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(private ceiling: number = DEFAULT_ADAPTIVE_CEILING) {
    this.limit = ceiling;
  }

  /** The current limit, a whole number ≥ 1. */
  get value(): number {
    return Math.max(1, this.limit);
  }

  get reduced(): boolean {
    return this.limit < this.ceiling;
  }

  /** A new configured ceiling; a learned lower limit is kept. */
  setCeiling(ceiling: number): void {
    const wasAtCeiling = !this.reduced;
    this.ceiling = ceiling;
    this.limit = wasAtCeiling ? ceiling : Math.min(this.limit, ceiling);
    this.successes = 0;
  }

  /**
   * Halves the limit, measured from what was actually in flight (halving an unused allowance would
   * change nothing). Signals from attempts that started before the last decrease are ignored: they
   * were sent under the old limit, and counting them would collapse the limit to 1 in one burst.
   * Returns whether the limit changed.
   */
  onCongestion(attemptStartedAt: number, now: number, inFlight: number): boolean {
    if (attemptStartedAt < this.lastDecreaseAt) return false;
    const before = this.value;
    this.limit = Math.max(1, Math.floor(Math.min(this.limit, Math.max(1, inFlight)) / 2));
    this.successes = 0;
    this.lastDecreaseAt = now;
    return this.value !== before;
  }

  /** One more slot per full window of successes (`limit` of them); returns whether the limit changed. */
  onSuccess(): boolean {
    if (this.limit >= this.ceiling) return false;
    this.successes += 1;
    if (this.successes < this.limit) return false;
    this.successes = 0;
    this.limit = Math.min(this.ceiling, this.limit + 1);
    return true;
  }
}

/**
 * Whether reported headroom is low in a dimension the pacer does not already govern. When a
 * requests/tokens-per-minute limit is configured the pacer keeps the provider at that limit, where
 * little headroom is the expected steady state; halving concurrency then would only lose throughput.
 */
export function lowHeadroom(limits: RateLimitSnapshot, paced: { readonly requests: boolean; readonly tokens: boolean }): boolean {
  const low = (remaining: number | undefined, limit: number | undefined): boolean =>
    remaining !== undefined && limit !== undefined && limit > 0 && remaining / limit < LOW_HEADROOM_RATIO;
  return (!paced.requests && low(limits.remainingRequests, limits.limitRequests)) || (!paced.tokens && low(limits.remainingTokens, limits.limitTokens));
}
