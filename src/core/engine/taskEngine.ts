// The engine facade: owns task records and turns commands (submit, cancel, retry, pause) into
// scheduler and runner actions. Everything a surface needs arrives through `events`. A queued task
// is only a record and a ticket in its provider's line; its run (controller, timers, promises)
// begins when the scheduler grants its first attempt, so a deep queue costs little.
import { EventEmitter } from 'eventemitter3';
import { CancelReason } from '../domain/abortReasons';
import type { ChatProvider } from '../domain/chatProvider';
import type { CircuitBreakerOptions } from '../limits/circuitBreaker';
import type { Clock } from '../domain/clock';
import { ProviderGovernors } from '../limits/providerGovernors';
import type { ProviderLimitsById } from '../limits/providerLimits';
import type { PriceBook } from '../usage/priceBook';
import type { CachedAnswer, ResponseCachePort } from '../domain/responseCachePort';
import { ZERO_USAGE } from '../domain/tokenUsage';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import { TaskEventBus, type RejectedEvent } from './taskEventBus';
import type { HistoryChange } from './historyChange';
import { interruptedTask, isInterrupted } from '../domain/interruptedTask';
import { isTerminal, PRIORITY_WEIGHT, type MutableTask, type Priority, type Task, type TaskInput, type TaskStatus } from '../domain/taskModel';
import { TaskRunner } from './taskRunner';
import type { TaskRun } from './taskRun';
import type { ProviderSlot } from '../limits/providerGovernor';
import type { TaskLogEntry } from './taskLog';
import { TaskScheduler, type Ticket, type WaitNotice } from './taskScheduler';
import type { GovernorDefaults } from '../limits/providerGovernor';
import { TaskCounts } from './taskCounts';
import { estimateTokens } from '../usage/tokenEstimate';
import { waitingText } from './waitingText';

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
  /** Defaults for providers the user set no limits for: a local server's in-flight cap, a remote one's starting rate. */
  readonly providerDefaults?: Partial<GovernorDefaults>;
  /** Per-provider concurrency, requests/min and tokens/min (the `aiTaskQueue.providerLimits` setting). */
  readonly providerLimits?: ProviderLimitsById;
  readonly breaker?: CircuitBreakerOptions;
  /** Upper bound on the sum of one task's waits between attempts (default 60 s). */
  readonly retryBudgetMs?: number;
  /** Pause the queue when a task fails. */
  readonly pauseOnFailure?: boolean;
  /** Diagnostics for the log: listener errors and refused (contract-breaking) events. */
  readonly onDiagnostic?: (message: string) => void;
  /** Lines about one task and attempt (attempts made, why one failed, what comes next). */
  readonly onTaskLog?: (entry: TaskLogEntry) => void;
  /** Stored answers to identical requests; a hit completes the task at once, unsent. */
  readonly responseCache?: ResponseCachePort;
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
  /** Why no task starts for now (the extension host is under pressure); undefined when they may. */
  readonly throttled?: string;
  /** Why the queue is paused, as the end of "paused: …" ("you paused it"); only while paused. */
  readonly pauseReason?: string;
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
  /** Runs of tasks that started and have not ended. */
  private readonly runs = new Map<string, TaskRun>();
  private readonly statusCounts = new TaskCounts();
  /** Tasks not yet at their terminal event, and who waits for there to be none. */
  private unfinished = 0;
  private idleWaiters: (() => void)[] = [];
  private nextSeq = 0;
  private throttled: string | undefined;
  private pauseReason: string | undefined;
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
      ...(options.providerDefaults && { defaults: options.providerDefaults }),
      isLocal: (id) => options.providers(id)?.local ?? false,
      // Limits set below, before the scheduler exists, are read when it first looks.
      onChange: () => this.scheduler?.dispatch(),
    });
    if (options.providerLimits) this.governors.setLimits(options.providerLimits);
    this.scheduler = new TaskScheduler({
      concurrency: options.concurrency,
      clock: options.clock,
      governors: this.governors,
      random: options.random ?? Math.random,
      onGrant: (ticket, slot) => this.startRun(ticket, slot),
      onNotice: (ticket, notice) => this.showNotice(ticket, notice),
      onOutage: (ticket, outageMs) => {
        const task = this.tasks.get(ticket.taskId);
        if (task) this.runner.unavailable(task, outageMs, ticket.timeoutMs);
      },
    });
    this.events.on((event) => {
      if (event.type === 'failed') this.onTaskFailed(event.taskId);
      if (event.type === 'completed' || event.type === 'failed' || event.type === 'cancelled') this.finished();
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
      setStatus: (task, status) => this.setStatus(task, status),
      onFinalAttemptFailure: (taskId) => this.pauseForFailure(taskId),
      ...(options.onTaskLog && { log: options.onTaskLog }),
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
      ...carriedFields(input),
      ...(input.retryOf !== undefined && { retryOf: input.retryOf }),
      // Kept with the task: whether the simulator wrote it must not depend on it running next time.
      ...(this.options.providers(input.providerId)?.simulated === true && { simulated: true as const }),
    };
    const hit = input.fresh ? undefined : this.options.responseCache?.lookup(task);
    return hit ? this.answerFromCache(task, hit) : this.launch(task);
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
      // Waiting for its provider is not running: such a task had nothing on the wire and goes back in line.
      if (task.status === 'queued' || task.status === 'waiting') {
        task.status = 'queued';
        task.statusDetail = undefined;
        task.attempts = 0;
        this.launch(task);
        result.requeued.push(task.id);
        continue;
      }
      this.tasks.set(task.id, task);
      this.statusCounts.add(task.status);
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
      // A task at its terminal event is done with; its run only has its own bookkeeping left.
      if (!task || !isTerminal(task.status)) return false;
      this.tasks.delete(id);
      this.statusCounts.remove(task.status);
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
    if (!task || isTerminal(task.status)) return false;
    const run = this.runs.get(taskId);
    if (run) {
      run.abort(new CancelReason(reason));
      return true;
    }
    if (!this.scheduler.remove(taskId)) return false;
    this.runner.cancelQueued(task, reason);
    return true;
  }

  cancelAll(reason = 'Cancelled by user'): number {
    return [...this.tasks.values()].filter((t) => !isTerminal(t.status) && this.cancel(t.id, reason)).length;
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
      // A retry stays in its batch and keeps its source, so the batch shows the rerun and its
      // answer can still be applied where the original's would have gone.
      ...carriedFields(old),
    });
  }

  /** Stops new tasks from starting; `reason` ends "paused: …" where the views say why. */
  pause(reason = 'you paused it'): void {
    this.scheduler.pause();
    this.pauseReason = reason;
    this.emitQueueState();
  }

  resume(): void {
    this.scheduler.resume();
    this.pauseReason = undefined;
    this.emitQueueState();
  }

  /** Moves a queued task in the queue; returns false when the task is not queued. */
  setPriority(taskId: string, priority: Priority): boolean {
    const task = this.tasks.get(taskId);
    if (!task || task.startedAt !== undefined || (task.status !== 'queued' && task.status !== 'waiting')) return false;
    task.priority = priority;
    this.scheduler.reprioritize(taskId, PRIORITY_WEIGHT[priority]);
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
   * A task changed without an event of its own: a task that has not started began or stopped
   * waiting for its provider (status and status line), or its priority changed. Per-task events
   * only start at "started".
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
    const paused = this.scheduler.paused;
    return {
      paused,
      concurrency: this.scheduler.concurrency,
      ...(this.throttled !== undefined && { throttled: this.throttled }),
      ...(paused && this.pauseReason !== undefined && { pauseReason: this.pauseReason }),
    };
  }

  /** Under resource pressure (`reason`), no task starts; running ones go on. Undefined lifts it. */
  setThrottled(reason: string | undefined): void {
    if (reason === this.throttled) return;
    this.throttled = reason;
    this.scheduler.setThrottled(reason !== undefined);
    this.emitQueueState();
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

  /** Tasks per status, kept up to date on every change (never a scan of the history). */
  counts(): Record<TaskStatus, number> {
    return this.statusCounts.snapshot();
  }

  /** Requests on the wire right now, across providers. */
  get inFlight(): number {
    return this.scheduler.inFlight;
  }

  /** What a provider is paced to right now (requests per second, and where the figure came from). */
  pacing(providerId: string): { readonly requestsPerSecond: number; readonly source: string } {
    return this.governors.governor(providerId).pacing;
  }

  /** Resolves when every submitted task has reached its terminal event. */
  whenIdle(): Promise<void> {
    if (this.unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Aborts everything in flight (used on deactivate). */
  dispose(): void {
    this.scheduler.pause();
    this.scheduler.dispose();
    for (const run of this.runs.values()) run.abort(new CancelReason('VS Code is shutting down'));
  }

  private launch(task: MutableTask): Task {
    this.tasks.set(task.id, task);
    this.statusCounts.add(task.status);
    this.unfinished += 1;
    this.events.emit(task.id, { type: 'queued', task });
    this.scheduler.enqueue({
      taskId: task.id,
      providerId: task.providerId,
      weight: PRIORITY_WEIGHT[task.priority],
      seq: this.nextSeq++,
      promptTokens: estimateTokens(task.systemPrompt ?? '') + estimateTokens(task.prompt),
      timeoutMs: task.timeoutMs ?? this.defaultTimeoutMs,
    });
    return task;
  }

  /** The scheduler granted a task's first attempt: its run begins, holding that slot. */
  private startRun(ticket: Ticket, slot: ProviderSlot): void {
    const task = this.tasks.get(ticket.taskId);
    if (!task || isTerminal(task.status)) {
      slot.end({ estimatedTokens: 0 });
      return;
    }
    const run = this.runner.create(task, slot, ticket.seq);
    this.runs.set(task.id, run);
    void run.execute().finally(() => this.runs.delete(task.id));
  }

  /** A task that has not started is held (or no longer held) by its provider. */
  private showNotice(ticket: Ticket, notice: WaitNotice | undefined): void {
    const task = this.tasks.get(ticket.taskId);
    if (!task || task.startedAt !== undefined || isTerminal(task.status)) return;
    this.setStatus(task, notice ? 'waiting' : 'queued');
    const label = this.options.providers(task.providerId)?.label ?? task.providerId;
    task.statusDetail = notice && waitingText(notice, label, this.options.clock.now());
    this.controlEvents.emit('taskChange', task.id);
  }

  private setStatus(task: MutableTask, status: TaskStatus): void {
    if (task.status === status) return;
    this.statusCounts.move(task.status, status);
    task.status = status;
  }

  private finished(): void {
    this.unfinished -= 1;
    if (this.unfinished > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /**
   * Completes a task with a stored answer and the full event sequence, without scheduling or
   * sending it. Nothing is billed (usage zero, cost 0); `cached` says what the answer saved.
   */
  private answerFromCache(task: MutableTask, hit: CachedAnswer): Task {
    const now = this.options.clock.now();
    task.cached = { savedUsd: hit.costUsd, storedAt: hit.storedAt };
    this.tasks.set(task.id, task);
    this.statusCounts.add(task.status);
    this.unfinished += 1;
    this.events.emit(task.id, { type: 'queued', task });
    this.setStatus(task, 'running');
    task.startedAt = task.firstTokenAt = now;
    this.events.emit(task.id, { type: 'started', attempt: 0 });
    task.output = hit.output;
    this.events.emit(task.id, { type: 'progress', text: hit.output });
    task.usage = ZERO_USAGE;
    task.costUsd = 0;
    this.events.emit(task.id, { type: 'usage', usage: ZERO_USAGE, costUsd: 0 });
    this.setStatus(task, 'completed');
    task.finishedAt = now;
    this.events.emit(task.id, { type: 'completed' });
    return task;
  }

  /** Pauses at once, before the failed attempt's slot goes to the next task. */
  private pauseForFailure(taskId: string): void {
    if (!this.pauseOnFailure || this.scheduler.paused) return;
    const title = this.tasks.get(taskId)?.title;
    this.pause(`"${title ?? 'a task'}" failed, and "pause on failure" is on`);
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

/** The optional fields a task takes from its input, and a retry from the task it re-runs. */
const CARRIED_FIELDS = ['systemPrompt', 'timeoutMs', 'batchId', 'batchKind', 'instruction', 'source'] as const satisfies readonly (keyof TaskInput & keyof Task)[];

function carriedFields(from: Pick<TaskInput, (typeof CARRIED_FIELDS)[number]>): Partial<Pick<Task, (typeof CARRIED_FIELDS)[number]>> {
  const out: Partial<Record<(typeof CARRIED_FIELDS)[number], unknown>> = {};
  for (const key of CARRIED_FIELDS) if (from[key] !== undefined) out[key] = from[key];
  return out as Partial<Pick<Task, (typeof CARRIED_FIELDS)[number]>>;
}
