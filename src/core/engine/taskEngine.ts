// The engine facade: owns task records and turns commands (submit, cancel, retry, pause) into
// scheduler and runner actions. Everything a surface needs arrives through `events`. A queued task
// is only a record and a ticket in its provider's line; its run (controller, timers, promises)
// begins when the scheduler grants its first attempt, so a deep queue costs little.
import { EventEmitter } from 'eventemitter3';
import { CancelReason } from '../domain/abortReasons';
import { phrase, type Phrase } from '../domain/phrase';
import { pauseReasonFor } from './failurePause';
import { ProviderGovernors } from '../limits/providerGovernors';
import type { ProviderLimitsById } from '../limits/providerLimits';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import { engineEventBus } from './engineEventBus';
import type { TaskEventBus } from './taskEventBus';
import type { HistoryChange } from './historyChange';
import { isTerminal, PRIORITY_WEIGHT, type MutableTask, type Priority, type Task, type TaskInput, type TaskStatus } from '../domain/taskModel';
import { TaskRunner } from './taskRunner';
import type { TaskRun } from './taskRun';
import type { ProviderSlot } from '../limits/providerGovernor';
import { keepTaskLog } from './taskLog';
import { TaskScheduler, type Ticket, type WaitNotice } from './taskScheduler';
import { TaskCounts } from './taskCounts';
import { estimateTokens } from '../usage/tokenEstimate';
import { waitingText } from './waitingText';
import { ExternalTasks, type ExternalResult } from './externalTasks';
import { newTaskRecord, rerunInput } from './taskRecord';
import { restoreTasks } from './restoreTasks';
import type { Rating } from '../domain/quality';
import { answerFromCache } from './cachedAnswer';
import { FailurePause } from './failurePause';
import { UnfinishedTasks } from './unfinishedTasks';
import { DEFAULT_RETRY_BUDGET_MS, type QueueState, type RestoreResult, type TaskEngineOptions } from './engineOptions';

export class TaskEngine {
  readonly events: TaskEventBus;
  private readonly queueEvents = new EventEmitter<{ change: [QueueState] }>();
  private readonly historyEvents = new EventEmitter<{ change: [HistoryChange] }>();
  private readonly controlEvents = new EventEmitter<{ taskChange: [string]; pausedByFailure: [Task] }>();
  private readonly governors: ProviderGovernors;
  private retryBudgetMs: number;
  private readonly failurePause: FailurePause;
  private readonly tasks = new Map<string, MutableTask>();
  /** Runs of tasks that started and have not ended. */
  private readonly runs = new Map<string, TaskRun>();
  private readonly statusCounts = new TaskCounts();
  private readonly unfinished = new UnfinishedTasks();
  private nextSeq = 0;
  private throttled: Phrase | undefined;
  private pauseReason: Phrase | undefined;
  private readonly scheduler: TaskScheduler;
  private readonly runner: TaskRunner;
  private defaultTimeoutMs: number;
  private idleTimeoutMs: number | undefined;
  private retryPolicy: RetryPolicy;
  private readonly externals: ExternalTasks;

  constructor(private readonly options: TaskEngineOptions) {
    this.defaultTimeoutMs = options.defaultTimeoutMs;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.events = engineEventBus(options);
    this.retryBudgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    this.failurePause = new FailurePause(options.pauseOnFailure ?? false, { isPaused: () => this.scheduler.paused, pause: (taskId) => this.pause(pauseReasonFor(this.tasks.get(taskId)?.title)) });
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
      if (event.type === 'completed' || event.type === 'failed' || event.type === 'cancelled') this.unfinished.done();
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
      onFinalAttemptFailure: (taskId) => this.failurePause.onFinalAttempt(taskId),
      log: (entry) => {
        const kept = keepTaskLog(this.tasks.get(entry.taskId), entry, this.options.clock.now()); // even when nobody listens
        this.options.onTaskLog?.(kept);
      },
      ...(options.scoreOutput && { scoreOutput: options.scoreOutput }),
    });
    this.externals = new ExternalTasks({
      ...options,
      events: this.events,
      get: (taskId) => this.tasks.get(taskId),
      register: (task) => this.register(task),
      setStatus: (task, status) => this.setStatus(task, status),
      changed: (taskId) => this.controlEvents.emit('taskChange', taskId),
      score: (task) => this.runner.scoreCached(task),
    });
  }

  submit(input: TaskInput): Task {
    const simulated = this.options.providers(input.providerId)?.simulated === true;
    const task = newTaskRecord(input, this.options.newId(), this.options.clock.now(), simulated);
    // A task for a provider batch is the provider's to run: never scheduled here, never served from the cache.
    if (task.external) return this.externals.add(task);
    // A workflow's steps depend on each other's outputs: it is never answered from the cache whole.
    const hit = input.fresh || task.steps ? undefined : this.options.responseCache?.lookup(task);
    if (!hit) return this.launch(task);
    return answerFromCache(task, hit, {
      clock: this.options.clock,
      events: this.events,
      register: (t) => this.register(t),
      setStatus: (t, status) => this.setStatus(t, status),
      score: (t) => this.runner.scoreCached(t),
    });
  }

  /** Brings back an earlier session's tasks in their original order (what becomes of each: restoreTasks.ts). */
  restore(tasks: readonly Task[]): RestoreResult {
    return restoreTasks(tasks, {
      now: this.options.clock.now(),
      known: (id) => this.tasks.has(id),
      holdAtProvider: (task) => this.externals.add(task),
      launch: (task) => this.launch(task),
      keep: (task) => {
        this.tasks.set(task.id, task);
        this.statusCounts.add(task.status);
      },
      announce: (returned) => this.historyEvents.emit('change', { type: 'restored', tasks: returned }),
    });
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
  cancel(taskId: string, reason: Phrase = phrase('failure.cancelled.byUser', {})): boolean {
    const task = this.tasks.get(taskId);
    if (!task || isTerminal(task.status)) return false;
    const run = this.runs.get(taskId);
    if (run) {
      run.abort(new CancelReason(reason));
      return true;
    }
    if (task.external) {
      this.externals.cancel(task, reason);
      return true;
    }
    if (!this.scheduler.remove(taskId)) return false;
    this.runner.cancelQueued(task, reason);
    return true;
  }

  cancelAll(reason: Phrase = phrase('failure.cancelled.byUser', {})): number {
    return [...this.tasks.values()].filter((t) => !isTerminal(t.status) && this.cancel(t.id, reason)).length;
  }

  /** Re-runs a finished task as a new task; the original stays in history unchanged. */
  retry(taskId: string, overrides: Partial<Pick<TaskInput, 'providerId' | 'model' | 'priority'>> = {}): Task | undefined {
    const old = this.tasks.get(taskId);
    if (!old || (old.status !== 'failed' && old.status !== 'cancelled')) return undefined;
    return this.submit(rerunInput(old, overrides));
  }

  /** A person's rating of a completed task (undefined clears it); saved with the task. */
  rate(taskId: string, rating: Rating | undefined): boolean {
    const task = this.tasks.get(taskId);
    if (!task || task.status !== 'completed' || task.rating === rating) return false;
    if (rating) task.rating = rating;
    else delete task.rating;
    this.historyEvents.emit('change', { type: 'updated', tasks: [task] });
    return true;
  }

  /** Stops new tasks from starting; `reason` ends "paused: …" where the views say why. */
  pause(reason: Phrase = phrase('pause.byUser', {})): void {
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
    if (!task || task.external || task.startedAt !== undefined || (task.status !== 'queued' && task.status !== 'waiting')) return false;
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
    this.failurePause.enabled = enabled;
  }

  /** Ends a task waiting at its provider with the provider's result; false (nothing changed) for an unknown, local or ended task. */
  settleExternal(taskId: string, result: ExternalResult): boolean {
    return this.externals.settle(taskId, result);
  }

  /** The status line of tasks waiting at their provider ("at OpenAI: in progress, 812 / 1,000 done"). */
  setExternalDetail(taskIds: readonly string[], detail: Phrase): void {
    this.externals.setDetail(taskIds, detail);
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
    const reasons = { ...(this.throttled !== undefined && { throttled: this.throttled }), ...(paused && this.pauseReason !== undefined && { pauseReason: this.pauseReason }) };
    return { paused, concurrency: this.scheduler.concurrency, ...reasons };
  }

  /** Under resource pressure (`reason`), no task starts; running ones go on. Undefined lifts it. */
  setThrottled(reason: Phrase | undefined): void {
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
    return this.unfinished.whenNone();
  }

  /** Aborts everything in flight (used on deactivate). */
  dispose(): void {
    this.scheduler.pause();
    this.scheduler.dispose();
    for (const run of this.runs.values()) run.abort(new CancelReason(phrase('failure.cancelled.shutdown', {})));
  }

  /** A new (or restored unfinished) task enters the engine: recorded, counted, announced. */
  private register(task: MutableTask): void {
    this.tasks.set(task.id, task);
    this.statusCounts.add(task.status);
    this.unfinished.add();
    this.events.emit(task.id, { type: 'queued', task });
  }

  private launch(task: MutableTask): Task {
    this.register(task);
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

  private onTaskFailed(taskId: string): void {
    const task = this.tasks.get(taskId);
    if (task && this.failurePause.onFailed(taskId)) this.controlEvents.emit('pausedByFailure', task);
  }

  private emitQueueState(): void {
    this.queueEvents.emit('change', this.queueState);
  }
}
