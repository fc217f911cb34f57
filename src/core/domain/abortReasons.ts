// Why a run's AbortSignal fired. The executor reads the reason to decide the outcome: a cancel ends
// the task as "cancelled", a timeout as a TIMEOUT failure that keeps the partial output. Each
// reason's Error message is its language-neutral id (for logs); people read its phrase.
import { phrase, phraseId, type Phrase } from './phrase';

export class CancelReason extends Error {
  readonly kind = 'cancel';
  constructor(readonly reason: Phrase) {
    super(phraseId(reason));
    this.name = 'CancelReason';
  }
}

export class TimeoutReason extends Error {
  readonly kind = 'timeout';
  constructor(
    readonly limit: 'total' | 'idle',
    readonly ms: number,
  ) {
    super(phraseId(timeoutPhrase(limit, ms)));
    this.name = 'TimeoutReason';
  }

  /** What a person reads: "No data for 60s (idle timeout)", "Timed out after 300s (total timeout)". */
  get reason(): Phrase {
    return timeoutPhrase(this.limit, this.ms);
  }
}

function timeoutPhrase(limit: 'total' | 'idle', ms: number): Phrase {
  const seconds = Math.round(ms / 1000);
  return limit === 'idle' ? phrase('failure.timeout.idle', { seconds }) : phrase('failure.timeout.total', { seconds });
}

export type RunAbortReason = CancelReason | TimeoutReason;

export function runAbortReason(signal: AbortSignal): RunAbortReason | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof CancelReason || reason instanceof TimeoutReason ? reason : undefined;
}
