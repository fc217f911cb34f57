// Why a run's AbortSignal fired. The executor reads the reason to decide the outcome: a cancel ends
// the task as "cancelled", a timeout as a TIMEOUT failure that keeps the partial output.

export class CancelReason extends Error {
  readonly kind = 'cancel';
  constructor(message: string) {
    super(message);
    this.name = 'CancelReason';
  }
}

export class TimeoutReason extends Error {
  readonly kind = 'timeout';
  constructor(
    readonly limit: 'total' | 'idle',
    readonly ms: number,
  ) {
    super(`${limit} timeout after ${ms}ms`);
    this.name = 'TimeoutReason';
  }
}

/** What a person reads: "No data for 60s (idle timeout)", "Timed out after 300s (total timeout)". */
export function timeoutText(timeout: TimeoutReason): string {
  const seconds = Math.round(timeout.ms / 1000);
  return timeout.limit === 'idle' ? `No data for ${seconds}s (idle timeout)` : `Timed out after ${seconds}s (total timeout)`;
}

export type RunAbortReason = CancelReason | TimeoutReason;

export function runAbortReason(signal: AbortSignal): RunAbortReason | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof CancelReason || reason instanceof TimeoutReason ? reason : undefined;
}
