// Decides when task changes reach the store. Engine events arrive per token; writing per event
// would rewrite history dozens of times a second, so changes are collected per task and saved as
// one batch 500 ms after the last change, or at the latest 2 s after the first unsaved one (a
// long stream is saved every 2 s, never per token). Each batch holds whole records, so it is
// idempotent and redaction always sees a complete text. A large save (10,000 tasks finishing at
// once, as a provider batch's results do) is written in slices, one per turn of the event loop,
// each converted when its turn comes, so no turn carries all of it.
import type { Clock, TimerHandle } from '../domain/clock';
import { toStoredTask, type StoreTaskOptions } from './storedTask';
import type { TaskEventListener } from '../engine/taskEventBus';
import type { Task } from '../domain/taskModel';
import type { StoreBatch, TaskStore } from './taskStore';
import type { HistoryChange } from '../engine/historyChange';
import type { PhraseWords } from '../domain/phrase';

export const SAVE_DEBOUNCE_MS = 500;
export const SAVE_MAX_DELAY_MS = 2_000;
/** Records per slice of a large save. */
export const SAVE_SLICE_RECORDS = 500;

/** The part of the engine the persister reads. */
export interface PersistedSource {
  readonly events: { on(listener: TaskEventListener): () => void };
  get(taskId: string): Task | undefined;
  onHistoryChange(listener: (change: HistoryChange) => void): () => void;
}

export interface TaskPersisterOptions {
  readonly source: PersistedSource;
  readonly store: TaskStore;
  readonly clock: Clock;
  readonly redact?: (text: string) => string;
  readonly safeLength?: (text: string) => number;
  readonly debounceMs?: number;
  readonly maxDelayMs?: number;
  readonly maxOutputChars?: number;
  /** Writes the marker at the end of a cut step output (see toStoredTask). */
  readonly words?: PhraseWords;
}

export class TaskPersister {
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private timer: TimerHandle | undefined;
  private firstChangeAt = 0;
  private lastChangeAt = 0;
  private unsubscribe: (() => void)[] = [];
  private stopped = false;
  /** Slices of a large save still to be written, oldest first; whether they are being written. */
  private readonly slices: string[][] = [];
  private writingSlices = false;
  private slicesDone: (() => void)[] = [];

  constructor(private readonly options: TaskPersisterOptions) {}

  /** Starts recording. Tasks already in the engine are assumed to be in the store already. */
  start(): void {
    const { source } = this.options;
    this.unsubscribe = [
      source.events.on((event) => this.markDirty([event.taskId])),
      source.onHistoryChange((change) => {
        if (change.type === 'removed') this.markRemoved(change.taskIds);
        else this.markDirty(change.tasks.map((t) => t.id));
      }),
    ];
  }

  markDirty(taskIds: readonly string[]): void {
    if (this.stopped) return;
    for (const id of taskIds) {
      this.removed.delete(id);
      this.dirty.add(id);
    }
    this.noteChange();
  }

  /** Saves what is pending now and resolves when it is durable. */
  async flush(): Promise<void> {
    this.saveNow();
    if (this.writingSlices) await new Promise<void>((resolve) => this.slicesDone.push(resolve));
    return this.options.store.flush();
  }

  /**
   * Saves the current state and stops recording, before the engine aborts its work on shutdown:
   * a task running now must be stored as running (so it comes back as interrupted), not as the
   * "cancelled" that the shutdown abort would make of it.
   */
  stop(): Promise<void> {
    if (!this.stopped) {
      this.saveNow();
      // Everything now, as it is now: the engine aborts its work next.
      while (this.slices.length > 0) void this.write(this.slices.shift()!, []);
      this.stopped = true;
      this.unsubscribe.forEach((off) => off());
      this.unsubscribe = [];
    }
    return this.options.store.flush();
  }

  get pendingCount(): number {
    return this.dirty.size + this.removed.size + this.slices.reduce((n, slice) => n + slice.length, 0);
  }

  private markRemoved(taskIds: readonly string[]): void {
    if (this.stopped) return;
    for (const id of taskIds) {
      this.dirty.delete(id);
      this.removed.add(id);
    }
    this.noteChange();
  }

  private noteChange(): void {
    const now = this.options.clock.now();
    // No timer armed means no batch pending: this change starts one.
    if (!this.timer) this.firstChangeAt = now;
    this.lastChangeAt = now;
    // One timer per batch, re-armed only when it fires: a token stream costs no timer churn.
    this.timer ??= this.options.clock.setTimeout(() => this.onTimer(), this.debounceMs);
  }

  private onTimer(): void {
    this.timer = undefined;
    const now = this.options.clock.now();
    const due = Math.min(this.lastChangeAt + this.debounceMs, this.firstChangeAt + this.maxDelayMs);
    if (now < due) {
      this.timer = this.options.clock.setTimeout(() => this.onTimer(), due - now);
      return;
    }
    this.saveNow();
  }

  private saveNow(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || (this.dirty.size === 0 && this.removed.size === 0)) return;
    const ids = [...this.dirty];
    const remove = [...this.removed];
    this.dirty.clear();
    this.removed.clear();
    if (!this.writingSlices) {
      void this.write(ids.slice(0, SAVE_SLICE_RECORDS), remove);
      ids.splice(0, SAVE_SLICE_RECORDS);
    } else if (remove.length > 0) void this.write([], remove);
    // A record is converted when its slice is written, so it is saved as it is then: never older
    // than a save called after it. A task removed meanwhile is skipped, its removal saved apart.
    for (let i = 0; i < ids.length; i += SAVE_SLICE_RECORDS) this.slices.push(ids.slice(i, i + SAVE_SLICE_RECORDS));
    if (this.slices.length > 0 && !this.writingSlices) {
      this.writingSlices = true;
      setImmediate(() => void this.writeSlices());
    }
  }

  /** One slice per turn, the next only once the last is durable: memory holds one slice's records, not all of them. */
  private async writeSlices(): Promise<void> {
    while (this.slices.length > 0 && !this.stopped) {
      await this.write(this.slices.shift()!, []);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.writingSlices = false;
    const done = this.slicesDone;
    this.slicesDone = [];
    done.forEach((resolve) => resolve());
  }

  private write(ids: readonly string[], remove: readonly string[]): Promise<void> {
    const savedAt = this.options.clock.now();
    const put = ids.flatMap((id) => {
      const task = this.options.source.get(id);
      return task ? [toStoredTask(task, { savedAt, ...this.storeOptions })] : [];
    });
    if (put.length === 0 && remove.length === 0) return Promise.resolve();
    const batch: StoreBatch = { put, remove };
    return this.options.store.save(batch);
  }

  private get storeOptions(): Omit<StoreTaskOptions, 'savedAt'> {
    return {
      ...(this.options.words && { words: this.options.words }),
      ...(this.options.redact && { redact: this.options.redact }),
      ...(this.options.safeLength && { safeLength: this.options.safeLength }),
      ...(this.options.maxOutputChars !== undefined && { maxOutputChars: this.options.maxOutputChars }),
    };
  }

  private get debounceMs(): number {
    return this.options.debounceMs ?? SAVE_DEBOUNCE_MS;
  }

  private get maxDelayMs(): number {
    return this.options.maxDelayMs ?? SAVE_MAX_DELAY_MS;
  }
}
