// The status line of a task its provider is holding back: why, and for how long; and of a request
// refused with a 429 that went back into its provider's line. Phrases: the adapters write them.
import { countdownSeconds } from '../domain/countdownSeconds';
import { phrase, type Phrase } from '../domain/phrase';
import type { WaitNotice } from './taskScheduler';

export function waitingText(notice: WaitNotice, providerLabel: string, now: number): Phrase {
  const left = notice.until !== undefined ? countdownSeconds(notice.until - now) : undefined;
  switch (notice.reason) {
    case 'rate':
      return phrase('waiting.rate', { provider: providerLabel, seconds: left ?? 1 });
    case 'tokens':
      return phrase('waiting.tokens', { provider: providerLabel, seconds: left ?? 1 });
    case 'hold':
      return phrase('waiting.hold', { provider: providerLabel, seconds: left ?? 1 });
    case 'unavailable':
      return left === undefined ? phrase('waiting.unavailable.probing', {}) : phrase('waiting.unavailable.next', { seconds: left });
  }
}

export interface Refusal {
  readonly why: Phrase;
  readonly next: Phrase;
}

/** "waiting: HTTP 429 …; resending in 2s (attempt 2 of 4; a rate limit does not use up an attempt)". */
export function refusalText(refusal: Refusal, notice: WaitNotice | undefined, providerLabel: string, now: number): Phrase {
  const when = notice?.until !== undefined ? phrase('waiting.resendIn', { seconds: countdownSeconds(notice.until - now) }) : phrase('waiting.resendWhenAllowed', { provider: providerLabel });
  return phrase('waiting.refusal', { why: refusal.why, when, next: refusal.next });
}
