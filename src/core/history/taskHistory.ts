// The task history over a session: on open, load the store and bring the tasks back (queued ones
// queued again, running ones as interrupted), then record every change; apply retention; resume
// interrupted tasks; remove finished ones (with undo); and on shutdown save the state as it was
// before the engine aborts its requests. Without a store (no folder, or another window owns it)
// everything works the same for this session and nothing is saved.
import { EventEmitter } from 'eventemitter3';
import type { Clock, TimerHandle } from '../domain/clock';
import { expiredTaskIds, type RetentionPolicy } from './historyRetention';
import type { TaskEngine } from '../engine/taskEngine';
import type { RestoreResult } from '../engine/engineOptions';
import { isTerminal, type Task } from '../domain/taskModel';
import { TaskPersister } from './taskPersister';
import { isInterrupted } from '../domain/interruptedTask';
import { recoverStoredTasks } from './recoverStoredTasks';
import type { TaskStore } from './taskStore';
import type { PhraseWords } from '../domain/phrase';

/** Retention runs this long after the last task finished (not per task), and hourly for age. */
const RETENTION_DEBOUNCE_MS = 1_000;
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface TaskHistoryOptions {
  readonly engine: TaskEngine;
  readonly store: TaskStore | undefined;
  readonly clock: Clock;
  readonly redact?: (text: string) => string;
  /** SecretRedactor.safeLength: a running task's output is saved only up to where no key can be cut in two. */
  readonly safeLength?: (text: string) => number;
  readonly retention: () => RetentionPolicy;
  readonly log?: (message: string) => void;
  /** Writes the marker at the end of an output the store cut (phraseText; default: the phrase's id). */
  readonly words?: PhraseWords;
  readonly saveDebounceMs?: number;
  readonly saveMaxDelayMs?: number;
}

export interface HistoryOpenResult {
  readonly warnings: readonly string[];
  readonly restored: RestoreResult;
  /** Tasks that were running when the previous session ended (now interrupted, resumable). */
  readonly interruptedLastSession: readonly string[];
  /** Removed by retention right after loading. */
  readonly expired: number;
}

export class TaskHistory {
  private readonly persister: TaskPersister | undefined;
  private readonly pending = new Set<string>();
  private readonly changes = new EventEmitter<{ interrupted: [number] }>();
  private readonly subscriptions: (() => void)[] = [];
  private retentionTimer: TimerHandle | undefined;
  private hourlyTimer: TimerHandle | undefined;
  private closed = false;

  constructor(private readonly options: TaskHistoryOptions) {
    const { engine, store, clock } = options;
    this.persister =
      store &&
      new TaskPersister({
        source: engine,
        store,
        clock,
        ...(options.redact && { redact: options.redact }),
        ...(options.safeLength && { safeLength: options.safeLength }),
        ...(options.words && { words: options.words }),
        ...(options.saveDebounceMs !== undefined && { debounceMs: options.saveDebounceMs }),
        ...(options.saveMaxDelayMs !== undefined && { maxDelayMs: options.saveMaxDelayMs }),
      });
  }

  async open(): Promise<HistoryOpenResult> {
    const { engine, store } = this.options;
    const loaded = store ? await store.load() : { tasks: [], warnings: [] };
    const wasRunning = loaded.tasks.filter((t) => t.status === 'running').map((t) => t.id);
    const restored = engine.restore(recoverStoredTasks(loaded.tasks, this.options.words));
    // Tasks restored unchanged are already stored; only the ones whose status changed are saved
    // again, plus any submitted while the store was loading.
    this.persister?.start();
    const stored = new Set(loaded.tasks.map((t) => t.id));
    this.persister?.markDirty([...wasRunning, ...engine.list().flatMap((t) => (stored.has(t.id) ? [] : [t.id]))]);
    const resumed = new Set(engine.list().flatMap((t) => (t.retryOf !== undefined ? [t.retryOf] : [])));
    for (const id of restored.interrupted) if (!resumed.has(id)) this.pending.add(id);
    this.subscriptions.push(
      engine.events.on((event) => {
        if (event.type === 'queued' && event.task.retryOf !== undefined && this.pending.delete(event.task.retryOf)) this.emitInterrupted();
        if (event.type === 'completed' || event.type === 'failed' || event.type === 'cancelled') this.scheduleRetention();
      }),
      engine.onHistoryChange((change) => {
        if (change.type === 'removed' && change.taskIds.some((id) => this.pending.delete(id))) this.emitInterrupted();
        if (change.type === 'restored') {
          // An undo brings back interrupted tasks; they are pending again unless a resumed copy exists.
          const interrupted = change.tasks.filter((t) => isInterrupted(t));
          if (interrupted.length === 0) return;
          const resumedNow = new Set(engine.list().flatMap((t) => (t.retryOf !== undefined ? [t.retryOf] : [])));
          interrupted.filter((t) => !resumedNow.has(t.id)).forEach((t) => this.pending.add(t.id));
          this.emitInterrupted();
        }
      }),
    );
    const expired = this.applyRetention().length;
    this.armHourly();
    this.emitInterrupted();
    const atProvider = restored.atProvider.length > 0 ? `, ${restored.atProvider.length} waiting at their provider` : '';
    this.options.log?.(`history: ${restored.requeued.length} queued again, ${restored.interrupted.length} interrupted, ${restored.finished.length} finished, ${expired} expired${atProvider}`);
    return { warnings: loaded.warnings, restored, interruptedLastSession: wasRunning.filter((id) => this.pending.has(id)), expired };
  }

  /** Interrupted tasks still in history that have not been resumed, oldest first. */
  pendingInterrupted(): string[] {
    return [...this.pending].filter((id) => this.options.engine.get(id) !== undefined);
  }

  onInterruptedChange(listener: (count: number) => void): () => void {
    this.changes.on('interrupted', listener);
    return () => this.changes.off('interrupted', listener);
  }

  /** Runs interrupted tasks again (each as a new task, like Retry); returns the new tasks. */
  resumeInterrupted(taskIds: readonly string[] = this.pendingInterrupted()): Task[] {
    return taskIds.flatMap((id) => {
      if (!this.pending.has(id)) return [];
      const next = this.options.engine.retry(id);
      return next ? [next] : [];
    });
  }

  /** Removes finished tasks from history; returns them so that an undo can bring them back. */
  remove(taskIds: readonly string[]): Task[] {
    const tasks = taskIds.flatMap((id) => {
      const task = this.options.engine.get(id);
      return task && isTerminal(task.status) ? [task] : [];
    });
    const removed = new Set(this.options.engine.remove(tasks.map((t) => t.id)));
    return tasks.filter((t) => removed.has(t.id));
  }

  /** Removes every finished task, or (`keepFailed`) the completed and cancelled ones only. */
  clearFinished(keepFailed = false): Task[] {
    return this.remove(this.options.engine.list().filter((t) => isTerminal(t.status) && !(keepFailed && t.status === 'failed')).map((t) => t.id));
  }

  /** Puts removed tasks back (the undo of remove/clearFinished). */
  undoRemove(tasks: readonly Task[]): void {
    this.options.engine.restore(tasks);
  }

  /** Drops finished tasks beyond the retention settings; returns their ids. */
  applyRetention(): string[] {
    const { engine, clock } = this.options;
    const expired = expiredTaskIds(engine.list(), this.options.retention(), clock.now());
    return expired.length > 0 ? engine.remove(expired) : [];
  }

  /** Saves what is pending and resolves when it is durable. */
  flush(): Promise<void> {
    return this.persister?.flush() ?? Promise.resolve();
  }

  /**
   * Call before the engine aborts its work on shutdown: saves the state as it is now (running tasks
   * as running, so they come back interrupted) and stops recording. Resolves once it is durable.
   */
  shutdown(): Promise<void> {
    this.close();
    return this.persister?.stop() ?? Promise.resolve();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscriptions.forEach((off) => off());
    if (this.retentionTimer) this.options.clock.clearTimeout(this.retentionTimer);
    if (this.hourlyTimer) this.options.clock.clearTimeout(this.hourlyTimer);
  }

  private scheduleRetention(): void {
    if (this.closed) return;
    this.retentionTimer ??= this.options.clock.setTimeout(() => {
      this.retentionTimer = undefined;
      this.applyRetention();
    }, RETENTION_DEBOUNCE_MS);
  }

  private armHourly(): void {
    if (this.closed) return;
    this.hourlyTimer = this.options.clock.setTimeout(() => {
      this.applyRetention();
      this.armHourly();
    }, RETENTION_INTERVAL_MS);
  }

  private emitInterrupted(): void {
    this.changes.emit('interrupted', this.pendingInterrupted().length);
  }
}
