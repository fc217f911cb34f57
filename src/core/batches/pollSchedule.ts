// When to ask a provider about a batch again. Polling costs a request against the account's normal
// rate limits, and a batch takes minutes to hours, so the interval starts at the providers' own
// advice (Anthropic's examples poll every 60 s; OpenAI gives no figure, so the same) and grows
// while nothing changes, back to the start when something does. A failed check waits longer each
// time, and never less than a retry-after the provider asked for. Tests inject milliseconds.

export interface PollPolicy {
  /** The shortest interval between two checks of one batch. */
  readonly minMs: number;
  /** The longest; a batch that does not move is still checked this often. */
  readonly maxMs: number;
  /** Growth per check that saw no change. */
  readonly factor: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { minMs: 60_000, maxMs: 10 * 60_000, factor: 1.5 };

/** The policy for a configured shortest interval (the `providerBatch.pollSeconds` setting). */
export function pollPolicyFor(minMs: number): PollPolicy {
  return { minMs, maxMs: Math.max(minMs, DEFAULT_POLL_POLICY.maxMs), factor: DEFAULT_POLL_POLICY.factor };
}

/**
 * The wait before the next check. `quietChecks`: checks in a row that saw no change (or failed);
 * `retryAfterMs`: what the provider asked for on its last answer, if anything.
 */
export function nextPollDelay(policy: PollPolicy, quietChecks: number, retryAfterMs?: number): number {
  const grown = policy.minMs * Math.pow(policy.factor, Math.max(0, quietChecks));
  const delay = Math.min(policy.maxMs, grown);
  return Math.max(delay, retryAfterMs ?? 0, policy.minMs);
}

/** When a batch may be checked next, given when it last was: never sooner than the policy allows, even across a restart. */
export function nextPollAt(policy: PollPolicy, lastPolledAt: number | undefined, quietChecks: number, now: number, retryAfterMs?: number): number {
  if (lastPolledAt === undefined) return now;
  return Math.max(now, lastPolledAt + nextPollDelay(policy, quietChecks, retryAfterMs));
}
