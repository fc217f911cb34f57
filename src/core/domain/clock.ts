// Time is injected so engine tests are deterministic: production uses the system clock, tests a
// manual one they advance themselves.

export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export function createSystemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        callback();
      }, ms);
      // A pending timeout must never keep the extension host (or a test process) alive.
      timer.unref?.();
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = timers.get(handle.id);
      if (timer) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}
