// A wait that shows itself: `show(seconds)` once per second until `ms` have passed, on the
// injected clock. Rejects with the signal's reason as soon as the signal aborts.
import type { Clock, TimerHandle } from '../domain/clock';
import { countdownSeconds } from '../domain/countdownSeconds';

export function countdownWait(clock: Clock, signal: AbortSignal, ms: number, show: (secondsLeft: number) => void): Promise<void> {
  const until = clock.now() + ms;
  return new Promise<void>((resolve, reject) => {
    let timer: TimerHandle | undefined;
    const stop = (): void => {
      if (timer) clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      stop();
      reject(signal.reason);
    };
    const tick = (): void => {
      if (clock.now() >= until) {
        stop();
        resolve();
        return;
      }
      show(countdownSeconds(until - clock.now()));
      timer = clock.setTimeout(tick, Math.min(1000, until - clock.now()));
    };
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    tick();
  });
}
