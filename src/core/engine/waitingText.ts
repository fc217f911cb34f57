// The status line of a task its provider is holding back: why, and for how long; and of a request
// refused with a 429 that went back into its provider's line.
import { countdownSeconds } from '../domain/countdownSeconds';
import type { WaitNotice } from './taskScheduler';

export function waitingText(notice: WaitNotice, providerLabel: string, now: number): string {
  const left = notice.until !== undefined ? countdownSeconds(notice.until - now) : undefined;
  switch (notice.reason) {
    case 'rate':
      return `waiting: ${providerLabel}'s request rate, next request in ${left ?? 1}s`;
    case 'tokens':
      return `waiting: ${providerLabel}'s tokens-per-minute budget, next request in ${left ?? 1}s`;
    case 'hold':
      return `waiting: ${providerLabel} asked to wait (rate limited), ${left ?? 1}s`;
    case 'unavailable':
      return left === undefined ? 'waiting: provider unavailable, probe in progress' : `waiting: provider unavailable, next probe in ${left}s`;
  }
}

export interface Refusal {
  readonly why: string;
  readonly next: string;
}

/** "waiting: HTTP 429 …; resending in 2s (attempt 2 of 4; a rate limit does not use up an attempt)". */
export function refusalText(refusal: Refusal, notice: WaitNotice | undefined, providerLabel: string, now: number): string {
  const when = notice?.until !== undefined ? `resending in ${countdownSeconds(notice.until - now)}s` : `resending as soon as ${providerLabel} allows`;
  return `waiting: ${refusal.why}; ${when} (${refusal.next})`;
}
