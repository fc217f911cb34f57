// After a failed attempt: try again (after how long), or stop (and why). Decided once, while the
// attempt still holds its slot, so a pause-on-failure can take effect before the slot is reused.
import { ProviderError } from '../domain/chatProvider';
import { phrase, type Phrase } from '../domain/phrase';
import type { TaskFailure } from '../domain/taskFailure';
import { retryDelayMs, serverWaitBeyondCap, type RetryPolicy } from './retryPolicy';

export type RetryDecision =
  /** Wait `waitMs` (a backoff, shown as a countdown), then try again. */
  | { readonly kind: 'retry'; readonly waitMs: number }
  /** A rate limit: back into the provider's line at once; its pacer decides when. `chargeMs` counts against the budget. */
  | { readonly kind: 'requeue'; readonly chargeMs: number }
  /** `note` follows the failure's reason when retrying stopped for a reason of its own. */
  | { readonly kind: 'stop'; readonly note?: Phrase };

export interface RetryState {
  readonly policy: RetryPolicy;
  /** The attempt that just failed, counting from 1. */
  readonly attempt: number;
  /** Attempts allowed so far: the policy's, plus one for every rate limit (they do not use one up). */
  readonly allowedAttempts: number;
  /** Waits between attempts so far, and the most they may add up to. */
  readonly waitedMs: number;
  readonly budgetMs: number;
  readonly random: () => number;
  /** The failure is the provider's rate limit (a 429 that is not an exhausted quota). */
  readonly rateLimited: boolean;
}

export function decideRetry(failure: TaskFailure, error: unknown, state: RetryState): RetryDecision {
  if (!failure.retryable || state.attempt >= state.allowedAttempts) return { kind: 'stop' };
  const asked = serverWaitBeyondCap(state.policy, error);
  if (asked !== undefined) {
    return { kind: 'stop', note: phrase('failure.retryStop.longWait', { asked: formatWait(asked), cap: formatWait(state.policy.maxWaitMs) }) };
  }
  if (state.rateLimited) {
    // What the provider asked to wait (its retry-after), or else the backoff a retry would have
    // waited, counts against the budget: a provider that keeps refusing without saying how long
    // still runs the task out of retries, and a budget of 0 allows none.
    const heldMs = (error instanceof ProviderError ? error.details.retryAfterMs : undefined) ?? retryDelayMs(state.policy, state.attempt - 1, error, state.random);
    if (state.budgetMs === 0 || state.waitedMs + heldMs > state.budgetMs) return { kind: 'stop', note: budgetNote(heldMs, state.budgetMs) };
    return { kind: 'requeue', chargeMs: heldMs };
  }
  const waitMs = retryDelayMs(state.policy, state.attempt - 1, error, state.random);
  if (state.waitedMs + waitMs > state.budgetMs) {
    return { kind: 'stop', note: budgetNote(waitMs, state.budgetMs) };
  }
  return { kind: 'retry', waitMs };
}

function budgetNote(waitMs: number, budgetMs: number): Phrase {
  return phrase('failure.retryStop.budget', { seconds: Math.ceil(waitMs / 1000), budgetSeconds: Math.round(budgetMs / 1000) });
}

/** "45s", "12 min", "3 h": a wait as a person reads it. */
export function formatWait(ms: number): Phrase {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return phrase('wait.seconds', { n: seconds });
  if (seconds < 7_200) return phrase('wait.minutes', { n: Math.round(seconds / 60) });
  return phrase('wait.hours', { n: Math.round(seconds / 3_600) });
}
