// The engine facade: owns task records and turns commands (submit, cancel, retry, pause) into
// scheduler and runner actions. Everything a surface needs arrives through `events`.
import { EventEmitter } from 'eventemitter3';
import { CancelReason } from './abortReasons';
import type { ChatProvider } from './chatProvider';
import type { Clock } from './clock';
import type { PriceBook } from './priceBook';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import { TaskEventBus, type RejectedEvent } from './taskEventBus';
import { isTerminal, TASK_STATUSES, type Task, type TaskInput, type TaskStatus } from './taskModel';
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
  /** Diagnostics for the log: listener errors and refused (contract-breaking) events. */
  readonly onDiagnostic?: (message: string) => void;
}

export interface QueueState {
  readonly paused: boolean;
  readonly concurrency: number;
}

export class TaskEngine {
  readonly events: TaskEventBus;
  private readonly queueEvents = new EventEmitter<{ change: [QueueState] }>();
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
    this.scheduler = new TaskScheduler({ concurrency: options.concurrency, ...(options.providerConcurrency && { providerConcurrency: options.providerConcurrency }) });
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
    };
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
    this.emitQueueState();
  }

  resume(): void {
    this.scheduler.resume();
    this.emitQueueState();
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

  private emitQueueState(): void {
    this.queueEvents.emit('change', this.queueState);
  }
}
