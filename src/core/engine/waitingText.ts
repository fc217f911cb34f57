// The status line of a task its provider is holding back: why, and for how long.
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
