// Waiting for a provider whose circuit breaker is open. The wait is not an attempt: it costs the
// task none of its retries, shows when the next probe is due, ends as soon as the breaker lets
// work through again, and ends at once when the task is cancelled or its time runs out.
import type { CircuitBreaker } from './circuitBreaker';
import type { Clock, TimerHandle } from './clock';

/** Resolves with the milliseconds waited (0 when the breaker let the task through at once). */
export async function waitForProvider(breaker: CircuitBreaker, clock: Clock, signal: AbortSignal, show: (detail: string) => void): Promise<number> {
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
      if (verdict.probeAt === undefined) {
        // The breaker's change event wakes us when the probe ends.
        show('waiting: provider unavailable, probe in progress');
        return;
      }
      const left = Math.max(1, verdict.probeAt - clock.now());
      show(`waiting: provider unavailable, next probe in ${Math.ceil(left / 1000)}s`);
      timer = clock.setTimeout(check, Math.min(1000, left));
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
