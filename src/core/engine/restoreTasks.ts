// Bringing back the tasks of an earlier session (TaskEngine.restore), in their original order.
// Queued ones are queued again (same id, priority and creation time, so the queue order is theirs)
// and emit "queued"; a running one, which cannot be continued, becomes an INTERRUPTED failure; an
// unfinished one of a provider batch waits at its provider again; finished ones return to history
// silently. Everything not queued or waiting is announced once on the history channel
// (`onHistoryChange`), never on `events`, whose per-task contract ends at the terminal event. Ids
// the engine already has are skipped.
import { isInterrupted } from '../domain/interruptedTask';
import { isTerminal, type MutableTask, type Task } from '../domain/taskModel';
import type { RestoreResult } from './engineOptions';
import { restoredRecord } from './taskRecord';

export interface RestoreDeps {
  readonly now: number;
  /** The engine already has this id (the task is skipped). */
  readonly known: (taskId: string) => boolean;
  /** Makes an unfinished provider batch task wait at its provider again, and registers it. */
  readonly holdAtProvider: (task: MutableTask) => void;
  /** Registers a queued task and gives it a ticket in its provider's line. */
  readonly launch: (task: MutableTask) => void;
  /** Records a task that does not run again (finished, or interrupted), without an event. */
  readonly keep: (task: MutableTask) => void;
  /** Announces the kept tasks once, on the history channel. */
  readonly announce: (tasks: readonly Task[]) => void;
}

export function restoreTasks(tasks: readonly Task[], deps: RestoreDeps): RestoreResult {
  const result: RestoreResult = { requeued: [], interrupted: [], finished: [], atProvider: [] };
  const returned: Task[] = [];
  for (const original of tasks) {
    if (deps.known(original.id)) continue;
    if (original.external && !isTerminal(original.status)) {
      // The provider still holds the request: the task waits for its batch as before the restart.
      deps.holdAtProvider({ ...original });
      result.atProvider.push(original.id);
      continue;
    }
    const task = restoredRecord(original, deps.now);
    if (task.status === 'queued') {
      deps.launch(task);
      result.requeued.push(task.id);
      continue;
    }
    deps.keep(task);
    returned.push(task);
    (isInterrupted(task) ? result.interrupted : result.finished).push(task.id);
  }
  if (returned.length > 0) deps.announce(returned);
  return result;
}
