// A task answered from the response cache: it goes through the whole event contract (queued,
// started, progress, usage, completed) at once, never scheduled and never sent. Nothing is billed
// (usage zero, cost 0); `cached` says what the answer saved.
import type { CachedAnswer } from '../domain/responseCachePort';
import type { Clock } from '../domain/clock';
import type { MutableTask, TaskStatus } from '../domain/taskModel';
import { ZERO_USAGE } from '../domain/tokenUsage';
import type { TaskEventBus } from './taskEventBus';

export interface CachedAnswerDeps {
  readonly clock: Clock;
  readonly events: TaskEventBus;
  /** Makes the task known to the engine and emits its "queued" event. */
  readonly register: (task: MutableTask) => void;
  readonly setStatus: (task: MutableTask, status: TaskStatus) => void;
  /** Scores the output against the task's checks, as a run's completion would. */
  readonly score: (task: MutableTask) => void;
}

export function answerFromCache(task: MutableTask, hit: CachedAnswer, deps: CachedAnswerDeps): MutableTask {
  const { clock, events } = deps;
  const now = clock.now();
  task.cached = { savedUsd: hit.costUsd, storedAt: hit.storedAt };
  deps.register(task);
  deps.setStatus(task, 'running');
  task.startedAt = task.firstTokenAt = now;
  events.emit(task.id, { type: 'started', attempt: 0 });
  task.output = hit.output;
  events.emit(task.id, { type: 'progress', text: hit.output });
  deps.score(task);
  task.usage = ZERO_USAGE;
  task.costUsd = 0;
  events.emit(task.id, { type: 'usage', usage: ZERO_USAGE, costUsd: 0 });
  deps.setStatus(task, 'completed');
  task.finishedAt = now;
  events.emit(task.id, { type: 'completed' });
  return task;
}
