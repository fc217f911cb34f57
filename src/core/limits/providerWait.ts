// Waiting for a provider whose circuit breaker is open. The wait is not an attempt: it costs the
// task none of its retries, shows when the next probe is due, ends as soon as the breaker lets
// work through again, and ends at once when the task is cancelled or its time runs out. A task
// that has not started yet can also give up when the outage itself has lasted too long.
import type { CircuitBreaker } from './circuitBreaker';
import type { Clock, TimerHandle } from '../domain/clock';
import { countdownSeconds } from '../domain/countdownSeconds';

/** The provider has been unavailable for longer than the waiting task was willing to wait. */
export class ProviderOutageError extends Error {
  constructor(
    readonly outageMs: number,
    readonly limitMs: number,
  ) {
    super(`The provider has been unavailable for ${Math.round(outageMs / 1000)}s.`);
  }
}

/**
 * Resolves with the milliseconds waited (0 when the breaker let the task through at once). With
 * `giveUpAfterOutageMs`, rejects with ProviderOutageError once the outage (measured from when the
 * breaker first opened, not from when this task began to wait) has lasted that long.
 */
export async function waitForProvider(breaker: CircuitBreaker, clock: Clock, signal: AbortSignal, show: (detail: string) => void, giveUpAfterOutageMs?: number): Promise<number> {
  signal.throwIfAborted();
  if (breaker.verdict().kind === 'proceed') return 0;
  const start = clock.now();
  await new Promise<void>((resolve, reject) => {
    let timer: TimerHandle | undefined;
    const stopTimer = (): void => {
      if (timer) clock.clearTimeout(timer);
      timer = undefined;
    };
    const cleanup = (): void => {
      stopTimer();
      off();
      signal.removeEventListener('abort', onAbort);
    };
    const check = (): void => {
      stopTimer();
      const verdict = breaker.verdict();
      if (verdict.kind === 'proceed') {
        cleanup();
        resolve();
        return;
      }
      const since = breaker.unavailableSince;
      const giveUpAt = giveUpAfterOutageMs !== undefined && since !== undefined ? since + giveUpAfterOutageMs : Infinity;
      if (since !== undefined && giveUpAfterOutageMs !== undefined && clock.now() >= giveUpAt) {
        cleanup();
        reject(new ProviderOutageError(clock.now() - since, giveUpAfterOutageMs));
        return;
      }
      const untilGiveUp = giveUpAt - clock.now();
      if (verdict.probeAt === undefined) {
        // The breaker's change event wakes us when the probe ends.
        show('waiting: provider unavailable, probe in progress');
        if (untilGiveUp !== Infinity) timer = clock.setTimeout(check, untilGiveUp);
        return;
      }
      const left = Math.max(1, verdict.probeAt - clock.now());
      show(`waiting: provider unavailable, next probe in ${countdownSeconds(left)}s`);
      timer = clock.setTimeout(check, Math.min(1000, left, untilGiveUp));
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal.reason);
    };
    const off = breaker.onChange(check);
    signal.addEventListener('abort', onAbort, { once: true });
    check();
  });
  return clock.now() - start;
}
