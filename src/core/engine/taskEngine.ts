// The engine facade: owns task records and turns commands (submit, cancel, retry, pause) into
// scheduler and runner actions. Everything a surface needs arrives through `events`.
import { EventEmitter } from 'eventemitter3';
import { CancelReason } from '../domain/abortReasons';
import type { ChatProvider } from '../domain/chatProvider';
import type { CircuitBreakerOptions } from '../limits/circuitBreaker';
import type { Clock } from '../domain/clock';
import { ProviderGovernors } from '../limits/providerGovernors';
import type { ProviderLimitsById } from '../limits/providerLimits';
import type { PriceBook } from '../usage/priceBook';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import { TaskEventBus, type RejectedEvent } from './taskEventBus';
import type { HistoryChange } from './historyChange';
import { interruptedTask, isInterrupted } from '../domain/interruptedTask';
import { isTerminal, PRIORITY_WEIGHT, TASK_STATUSES, type Priority, type Task, type TaskInput, type TaskStatus } from '../domain/taskModel';
import { TaskRunner, type MutableTask } from './taskRunner';
import { TaskScheduler } from './taskScheduler';

export interface TaskEngineOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly providers: (providerId: string) => ChatProvider | undefined;
  readonly priceBook: () => PriceBook;
  readonly concurrency: number;
  readonly defaultTimeoutMs: number;
  readonly idleTimeoutMs?: number;
  readonly retryPolicy?: RetryPolicy;
  /** Jitter source; tests pass a fixed one. */
  readonly random?: () => number;
  readonly providerConcurrency?: (providerId: string) => number;
  /** Per-provider concurrency, requests/min and tokens/min (the `aiTaskQueue.providerLimits` setting). */
  readonly providerLimits?: ProviderLimitsById;
  readonly breaker?: CircuitBreakerOptions;
  /** Upper bound on the sum of one task's waits between attempts (default 60 s). */
  readonly retryBudgetMs?: number;
  /** Pause the queue when a task fails. */
  readonly pauseOnFailure?: boolean;
  /** Diagnostics for the log: listener errors and refused (contract-breaking) events. */
  readonly onDiagnostic?: (message: string) => void;
}

export const DEFAULT_RETRY_BUDGET_MS = 60_000;

export interface RestoreResult {
  readonly requeued: string[];
  /** Failed with INTERRUPTED: were running when a session ended (this one's or an older one's). */
  readonly interrupted: string[];
  readonly finished: string[];
}

export interface QueueState {
  readonly paused: boolean;
  readonly concurrency: number;
}

export class TaskEngine {
  readonly events: TaskEventBus;
  private readonly queueEvents = new EventEmitter<{ change: [QueueState] }>();
  private readonly historyEvents = new EventEmitter<{ change: [HistoryChange] }>();
  private readonly controlEvents = new EventEmitter<{ taskChange: [string]; pausedByFailure: [Task] }>();
  private readonly governors: ProviderGovernors;
  private retryBudgetMs: number;
  private pauseOnFailure: boolean;
  /** The task whose last attempt failed and paused the queue; announced with its "failed" event. */
  private pausedForTask: string | undefined;
  private readonly tasks = new Map<string, MutableTask>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly active = new Set<Promise<void>>();
  private readonly scheduler: TaskScheduler;
  private readonly runner: TaskRunner;
  private defaultTimeoutMs: number;
  private idleTimeoutMs: number | undefined;
  private retryPolicy: RetryPolicy;

  constructor(private readonly options: TaskEngineOptions) {
    this.defaultTimeoutMs = options.defaultTimeoutMs;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.events = new TaskEventBus({
      now: () => options.clock.now(),
      onListenerError: (error, event) => options.onDiagnostic?.(`listener failed on ${event.type} of ${event.taskId}: ${String(error)}`),
      onRejected: (r: RejectedEvent) => options.onDiagnostic?.(`refused ${r.type} for ${r.taskId}: ${r.reason}`),
    });
    this.retryBudgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    this.pauseOnFailure = options.pauseOnFailure ?? false;
    this.governors = new ProviderGovernors({
      clock: options.clock,
      ...(options.breaker && { breaker: options.breaker }),
      // Limits set below, before the scheduler exists, are read by it when it is built.
      onConcurrencyChange: () => this.scheduler?.refreshProviderLimits(),
    });
    if (options.providerLimits) this.governors.setLimits(options.providerLimits);
    this.scheduler = new TaskScheduler({
      concurrency: options.concurrency,
      providerConcurrency: (id) => Math.min(options.providerConcurrency?.(id) ?? Infinity, this.governors.concurrency(id)),
      admit: (ticket) => this.governors.admit(ticket),
    });
    this.events.on((event) => {
      if (event.type === 'failed') this.onTaskFailed(event.taskId);
    });
    this.runner = new TaskRunner({
      clock: options.clock,
      events: this.events,
      scheduler: this.scheduler,
      providers: options.providers,
      priceBook: options.priceBook,
      retryPolicy: () => this.retryPolicy,
      random: options.random ?? Math.random,
      defaultTimeoutMs: () => this.defaultTimeoutMs,
      idleTimeoutMs: () => this.idleTimeoutMs,
      governors: this.governors,
      retryBudgetMs: () => this.retryBudgetMs,
      onTaskChange: (taskId) => this.controlEvents.emit('taskChange', taskId),
      onFinalAttemptFailure: (taskId) => this.pauseForFailure(taskId),
    });
  }

  submit(input: TaskInput): Task {
    const task: MutableTask = {
      id: this.options.newId(),
      title: input.title,
      prompt: input.prompt,
      providerId: input.providerId,
      model: input.model,
      priority: input.priority ?? 'normal',
      status: 'queued',
      attempts: 0,
      createdAt: this.options.clock.now(),
      output: '',
      ...(input.systemPrompt !== undefined && { systemPrompt: input.systemPrompt }),
      ...(input.timeoutMs !== undefined && { timeoutMs: input.timeoutMs }),
      ...(input.batchId !== undefined && { batchId: input.batchId }),
      ...(input.retryOf !== undefined && { retryOf: input.retryOf }),
      // Kept with the task: whether the simulator wrote it must not depend on it running next time.
      ...(this.options.providers(input.providerId)?.simulated === true && { simulated: true as const }),
    };
    return this.launch(task);
  }

  /**
   * Brings back tasks from an earlier session, in their original order. Queued ones are queued
   * again (same id, priority and creation time, so the queue order is theirs) and emit "queued";
   * a running one, which cannot be continued, becomes an INTERRUPTED failure; finished ones return
   * to history silently. Everything not queued is announced once on the history channel
   * (`onHistoryChange`), never on `events`, whose per-task contract ends at the terminal event.
   * Ids the engine already has are skipped.
   */
  restore(tasks: readonly Task[]): RestoreResult {
    const result: RestoreResult = { requeued: [], interrupted: [], finished: [] };
    const returned: Task[] = [];
    for (const original of tasks) {
      if (this.tasks.has(original.id)) continue;
      const task: MutableTask = { ...(original.status === 'running' ? interruptedTask(original, this.options.clock.now()) : original) };
      if (task.status === 'queued') {
        task.attempts = 0;
        this.launch(task);
        result.requeued.push(task.id);
        continue;
      }
      this.tasks.set(task.id, task);
      returned.push(task);
      (isInterrupted(task) ? result.interrupted : result.finished).push(task.id);
    }
    if (returned.length > 0) this.historyEvents.emit('change', { type: 'restored', tasks: returned });
    return result;
  }

  /** Removes finished tasks from history; returns the ids removed (queued and running ones stay). */
  remove(taskIds: readonly string[]): string[] {
    const removed = taskIds.filter((id) => {
      const task = this.tasks.get(id);
      if (!task || !isTerminal(task.status) || this.controllers.has(id)) return false;
      this.tasks.delete(id);
      this.events.forget(id);
      return true;
    });
    if (removed.length > 0) this.historyEvents.emit('change', { type: 'removed', taskIds: removed });
    return removed;
  }

  onHistoryChange(listener: (change: HistoryChange) => void): () => void {
    this.historyEvents.on('change', listener);
    return () => this.historyEvents.off('change', listener);
  }

  /** Cancels a queued task (it never starts) or a running one (its request is aborted). */
  cancel(taskId: string, reason = 'Cancelled by user'): boolean {
    const task = this.tasks.get(taskId);
    const controller = this.controllers.get(taskId);
    if (!task || !controller || isTerminal(task.status)) return false;
    controller.abort(new CancelReason(reason));
    return true;
  }

  cancelAll(reason = 'Cancelled by user'): number {
    return [...this.tasks.values()].filter((t) => this.cancel(t.id, reason)).length;
  }

  /** Re-runs a finished task as a new task; the original stays in history unchanged. */
  retry(taskId: string, overrides: Partial<Pick<TaskInput, 'providerId' | 'model' | 'priority'>> = {}): Task | undefined {
    const old = this.tasks.get(taskId);
    if (!old || (old.status !== 'failed' && old.status !== 'cancelled')) return undefined;
    return this.submit({
      title: old.title,
      prompt: old.prompt,
      providerId: overrides.providerId ?? old.providerId,
      model: overrides.model ?? old.model,
      priority: overrides.priority ?? old.priority,
      retryOf: old.id,
      ...(old.systemPrompt !== undefined && { systemPrompt: old.systemPrompt }),
      ...(old.timeoutMs !== undefined && { timeoutMs: old.timeoutMs }),
      ...(old.batchId !== undefined && { batchId: old.batchId }),
    });
  }

  pause(): void {
    this.scheduler.pause();
    this.governors.setHeld(true);
    this.emitQueueState();
  }

  resume(): void {
    this.governors.setHeld(false);
    this.scheduler.resume();
    this.emitQueueState();
  }

  /** Moves a queued task in the queue; returns false when the task is not queued. */
  setPriority(taskId: string, priority: Priority): boolean {
    const task = this.tasks.get(taskId);
    if (!task || task.status !== 'queued') return false;
    task.priority = priority;
    this.scheduler.setPriority(taskId, priority);
    this.governors.setPriority(taskId, PRIORITY_WEIGHT[priority]);
    this.controlEvents.emit('taskChange', taskId);
    return true;
  }

  setProviderLimits(limits: ProviderLimitsById): void {
    this.governors.setLimits(limits);
  }

  setRetryBudgetMs(ms: number): void {
    this.retryBudgetMs = ms;
  }

  setPauseOnFailure(enabled: boolean): void {
    this.pauseOnFailure = enabled;
  }

  /**
   * A task changed without an event of its own: a queued task's status line (e.g. waiting for an
   * unavailable provider) or its priority. Per-task events only start at "started".
   */
  onTaskChange(listener: (taskId: string) => void): () => void {
    this.controlEvents.on('taskChange', listener);
    return () => this.controlEvents.off('taskChange', listener);
  }

  /** The queue was paused because `task` failed while pause-on-failure is on. */
  onPausedByFailure(listener: (task: Task) => void): () => void {
    this.controlEvents.on('pausedByFailure', listener);
    return () => this.controlEvents.off('pausedByFailure', listener);
  }

  setConcurrency(concurrency: number): void {
    this.scheduler.setConcurrency(concurrency);
    this.emitQueueState();
  }

  setDefaultTimeoutMs(ms: number): void {
    this.defaultTimeoutMs = ms;
  }

  setIdleTimeoutMs(ms: number | undefined): void {
    this.idleTimeoutMs = ms;
  }

  setRetryPolicy(policy: RetryPolicy): void {
    this.retryPolicy = policy;
  }

  get queueState(): QueueState {
    return { paused: this.scheduler.paused, concurrency: this.scheduler.concurrency };
  }

  onQueueState(listener: (state: QueueState) => void): () => void {
    this.queueEvents.on('change', listener);
    return () => this.queueEvents.off('change', listener);
  }

  get(taskId: string): Task | undefined {
    return this.tasks.get(taskId);
  }

  list(): readonly Task[] {
    return [...this.tasks.values()];
  }

  counts(): Record<TaskStatus, number> {
    const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const t of this.tasks.values()) counts[t.status] += 1;
    return counts;
  }

  /** Resolves when every submitted task has reached its terminal event. */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  /** Aborts everything in flight (used on deactivate). */
  dispose(): void {
    this.scheduler.pause();
    for (const controller of this.controllers.values()) controller.abort(new CancelReason('VS Code is shutting down'));
  }

  private launch(task: MutableTask): Task {
    this.tasks.set(task.id, task);
    this.events.emit(task.id, { type: 'queued', task });
    const controller = new AbortController();
    this.controllers.set(task.id, controller);
    const done = this.runner.run(task, controller).finally(() => {
      this.controllers.delete(task.id);
      this.active.delete(done);
    });
    this.active.add(done);
    return task;
  }

  /** Pauses at once, before the failed attempt's slot goes to the next task. */
  private pauseForFailure(taskId: string): void {
    if (!this.pauseOnFailure || this.scheduler.paused) return;
    this.pause();
    this.pausedForTask = taskId;
  }

  private onTaskFailed(taskId: string): void {
    const task = this.tasks.get(taskId);
    if (!task) return;
    // Failures outside an attempt (e.g. the deadline while waiting for a provider) pause here.
    if (this.pausedForTask !== taskId) this.pauseForFailure(taskId);
    if (this.pausedForTask !== taskId) return;
    this.pausedForTask = undefined;
    this.controlEvents.emit('pausedByFailure', task);
  }

  private emitQueueState(): void {
    this.queueEvents.emit('change', this.queueState);
  }
}
