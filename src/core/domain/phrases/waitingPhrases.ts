// Phrases of a task's status line while it waits or retries (Task.statusDetail), of how long a
// wait is, and of why the queue is paused or throttled.
import type { Phrase } from '../phrase';
import type { NoArgs } from './commonPhrases';

interface ProviderWait {
  readonly provider: string;
  readonly seconds: number;
}

interface AttemptCount {
  readonly attempt: number;
  readonly allowed: number;
}

export interface WaitingPhrases {
  /** Held back by the provider's pacer: its request rate, its tokens per minute, its retry-after. */
  readonly 'waiting.rate': ProviderWait;
  readonly 'waiting.tokens': ProviderWait;
  readonly 'waiting.hold': ProviderWait;
  readonly 'waiting.unavailable.probing': NoArgs;
  readonly 'waiting.unavailable.next': { readonly seconds: number };
  /** A 429: why it was refused, when it is sent again, and what that does to the attempt count. */
  readonly 'waiting.refusal': { readonly why: Phrase; readonly when: Phrase; readonly next: Phrase };
  readonly 'waiting.resendIn': { readonly seconds: number };
  readonly 'waiting.resendWhenAllowed': { readonly provider: string };
  readonly 'waiting.rateLimitAttempt': AttemptCount;
  /** A backoff before the next attempt, with the reason the last one failed. */
  readonly 'waiting.retrying': AttemptCount & { readonly seconds: number; readonly reason: Phrase };
  readonly 'waiting.attempt': AttemptCount;
  readonly 'waiting.providerBatch': { readonly provider: string };
  /** A wait's length as a person reads it: "45s", "12 min", "3 h". */
  readonly 'wait.seconds': { readonly n: number };
  readonly 'wait.minutes': { readonly n: number };
  readonly 'wait.hours': { readonly n: number };
  /** The end of "paused: …". */
  readonly 'pause.byUser': NoArgs;
  readonly 'pause.afterFailure': { readonly title: string };
  readonly 'pause.afterFailure.unknownTask': NoArgs;
  /** Why no task starts while the extension host is under pressure. */
  readonly 'pressure.eventLoop': { readonly ms: number };
  readonly 'pressure.heap': { readonly percent: number };
  readonly 'pressure.both': { readonly eventLoop: Phrase; readonly heap: Phrase };
}
