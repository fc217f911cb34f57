// Tasks whose request runs at the provider (a provider batch), not in the local queue. They never
// get a ticket or a run: they wait at their provider, with a status line the batch job keeps up to
// date, until the job settles them with the provider's result. Settling goes through the event bus
// like any run (started → progress → usage → completed, or failed / cancelled), so every surface,
// budget and export treats the result as it treats a local one. A task already ended (cancelled
// locally, say) ignores a late result: the bus would refuse it anyway, and nothing is changed first.
import type { ChatProvider } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import type { ExternalResult } from '../domain/externalResult';
import { failure } from '../domain/failureClassifier';
import { phrase, phraseId, type Phrase } from '../domain/phrase';
import type { TaskFailure } from '../domain/taskFailure';
import { isTerminal, type MutableTask, type TaskStatus } from '../domain/taskModel';
import type { PriceBook } from '../usage/priceBook';
import type { TaskEventBus } from './taskEventBus';

export type { ExternalResult };

export interface ExternalTaskDeps {
  /** The engine's record of a task. */
  readonly get: (taskId: string) => MutableTask | undefined;
  /** Makes a task known to the engine (records, counts) and emits its "queued" event. */
  readonly register: (task: MutableTask) => void;
  readonly clock: Clock;
  readonly events: TaskEventBus;
  readonly priceBook: () => PriceBook;
  readonly providers: (providerId: string) => ChatProvider | undefined;
  /** The engine's one way to change a status, so its counts stay right. */
  readonly setStatus: (task: MutableTask, status: TaskStatus) => void;
  /** A task changed without an event of its own (its status line). */
  readonly changed: (taskId: string) => void;
  /** Scores the output against the task's checks, as a local run's completion would. */
  readonly score: (task: MutableTask) => void;
}

export class ExternalTasks {
  constructor(private readonly deps: ExternalTaskDeps) {}

  /** The status line a task waiting at its provider starts with, before its job says more. */
  private initialDetail(task: MutableTask): Phrase {
    return phrase('waiting.providerBatch', { provider: this.deps.providers(task.providerId)?.label ?? task.providerId });
  }

  /** A new or restored task enters the engine waiting at its provider. */
  add(task: MutableTask): MutableTask {
    task.status = 'waiting';
    task.attempts = 0;
    task.statusDetail = this.initialDetail(task);
    this.deps.register(task);
    return task;
  }

  /** The status line of those of `taskIds` that still wait at their provider. */
  setDetail(taskIds: readonly string[], detail: Phrase): void {
    for (const id of taskIds) {
      const task = this.deps.get(id);
      if (!task?.external || isTerminal(task.status) || (task.statusDetail && phraseId(task.statusDetail) === phraseId(detail))) continue;
      task.statusDetail = detail;
      this.deps.changed(task.id);
    }
  }

  /**
   * Ends the task with the provider's result. False when the task is unknown, not external, or
   * already ended (a late result, e.g. for a task cancelled here while its batch ran on): nothing
   * is changed then.
   */
  settle(taskId: string, result: ExternalResult): boolean {
    const task = this.deps.get(taskId);
    if (!task?.external || isTerminal(task.status)) return false;
    switch (result.kind) {
      case 'completed':
        this.complete(task, result);
        return true;
      case 'failed':
        task.attempts = result.attempts;
        this.end(task, 'failed', result.finishedAt, result.failure);
        this.deps.events.emit(task.id, { type: 'failed', failure: result.failure });
        return true;
      case 'cancelled':
        this.cancel(task, result.reason);
        return true;
    }
  }

  /** Ends a task locally: a result that arrives for it later is ignored. */
  cancel(task: MutableTask, reason: Phrase): void {
    this.end(task, 'cancelled', undefined, failure('CANCELLED', reason));
    this.deps.events.emit(task.id, { type: 'cancelled', reason });
  }

  private complete(task: MutableTask, result: Extract<ExternalResult, { kind: 'completed' }>): void {
    const { events, clock } = this.deps;
    const now = clock.now();
    this.deps.setStatus(task, 'running');
    task.startedAt = Math.min(result.startedAt ?? now, now);
    task.attempts = 1;
    task.statusDetail = undefined;
    events.emit(task.id, { type: 'started', attempt: 1 });
    task.output = result.output;
    if (result.output !== '') events.emit(task.id, { type: 'progress', text: result.output });
    this.deps.score(task);
    const provider = this.deps.providers(task.providerId);
    task.usage = result.usage;
    // Billed at the provider's batch prices; a provider that has no per-token price stays unknown.
    task.costUsd = provider?.unpriced ? null : this.deps.priceBook().cost(task.model, result.usage, provider?.local ?? false, 'batch');
    events.emit(task.id, { type: 'usage', usage: result.usage, costUsd: task.costUsd });
    this.end(task, 'completed', result.finishedAt);
    events.emit(task.id, { type: 'completed' });
  }

  private end(task: MutableTask, status: 'completed' | 'failed' | 'cancelled', finishedAt: number | undefined, error?: TaskFailure): void {
    const now = this.deps.clock.now();
    this.deps.setStatus(task, status);
    task.finishedAt = Math.max(task.startedAt ?? task.createdAt, Math.min(finishedAt ?? now, now));
    task.statusDetail = undefined;
    if (error) task.error = error;
  }
}
