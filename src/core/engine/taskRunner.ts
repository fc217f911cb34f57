// Runs tasks: holds what every run needs (clock, events, scheduler, providers, limits, settings
// read live) and starts one TaskRun per task. The run itself, one explicit attempt loop, is in
// taskRun.ts; how it ends, in taskOutcome.ts.
import type { ChatProvider } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import type { MutableTask, TaskStatus } from '../domain/taskModel';
import type { Phrase } from '../domain/phrase';
import type { ProviderSlot } from '../limits/providerGovernor';
import type { ProviderGovernors } from '../limits/providerGovernors';
import type { PriceBook } from '../usage/priceBook';
import type { RetryPolicy } from './retryPolicy';
import type { TaskEventBus } from './taskEventBus';
import type { TaskLogEntry } from './taskLog';
import { TaskOutcome, type OutcomeDeps } from './taskOutcome';
import { TaskRun } from './taskRun';
import type { TaskScheduler } from './taskScheduler';

export interface TaskRunnerDeps {
  readonly clock: Clock;
  readonly events: TaskEventBus;
  readonly scheduler: TaskScheduler;
  readonly providers: (providerId: string) => ChatProvider | undefined;
  readonly priceBook: () => PriceBook;
  readonly retryPolicy: () => RetryPolicy;
  readonly random: () => number;
  readonly defaultTimeoutMs: () => number;
  readonly idleTimeoutMs: () => number | undefined;
  readonly governors: ProviderGovernors;
  /** Upper bound on the sum of one task's waits between attempts. */
  readonly retryBudgetMs: () => number;
  /** Every status change goes through here, so the engine's counts never need a scan. */
  readonly setStatus: (task: MutableTask, status: TaskStatus) => void;
  /**
   * The attempt that just failed is the task's last one. Called while the attempt still holds its
   * slot, so a pause requested here stops the next task from starting in that slot.
   */
  readonly onFinalAttemptFailure: (taskId: string) => void;
  /** What happened to a task between its events (attempts, their failures), for the log. */
  readonly log?: (entry: TaskLogEntry) => void;
  /** Scores a completed task's output against its checks. */
  readonly scoreOutput?: OutcomeDeps['scoreOutput'];
}

export class TaskRunner {
  private readonly outcome: TaskOutcome;

  constructor(private readonly deps: TaskRunnerDeps) {
    this.outcome = new TaskOutcome(deps);
  }

  /** The run of a task whose first attempt was granted `slot`; `execute()` it, `abort()` to stop it. */
  create(task: MutableTask, slot: ProviderSlot, seq: number): TaskRun {
    return new TaskRun(task, this.deps, this.outcome, slot, seq);
  }

  /** Scores a task answered from the response cache, as a run's completion would. */
  scoreCached(task: MutableTask): void {
    this.outcome.scoreCached(task);
  }

  /** Ends a task that never started: cancelled while it waited in line. */
  cancelQueued(task: MutableTask, reason: Phrase): void {
    this.outcome.cancelled(task, reason);
  }

  /** Ends a task that never started: its provider was unavailable for as long as its time limit. */
  unavailable(task: MutableTask, outageMs: number, limitMs: number): void {
    const label = this.deps.providers(task.providerId)?.label ?? task.providerId;
    this.outcome.neverSent(task, label, this.deps.governors.breaker(task.providerId).lastFailure, outageMs, limitMs);
  }
}
