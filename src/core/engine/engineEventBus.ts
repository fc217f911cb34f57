// The engine's event bus, with its diagnostics (a listener that threw, an event the contract
// refused) reported through the engine's options rather than thrown at the emitter.
import type { TaskEngineOptions } from './engineOptions';
import { TaskEventBus, type RejectedEvent } from './taskEventBus';

export function engineEventBus(options: TaskEngineOptions): TaskEventBus {
  return new TaskEventBus({
    now: () => options.clock.now(),
    onListenerError: (error, event) => options.onDiagnostic?.(`listener failed on ${event.type} of ${event.taskId}: ${String(error)}`),
    onRejected: (r: RejectedEvent) => options.onDiagnostic?.(`refused ${r.type} for ${r.taskId}: ${r.reason}`),
  });
}
