// Decides when each task may run. Two levels of p-queue: a task first takes a slot in its
// provider's queue (per-provider limit), then waits in the global priority queue (global limit,
// priority order, FIFO within a priority). A task holds a global slot only while it actually runs,
// so a slow or rate-limited provider can never starve tasks for other providers.
import PQueue from 'p-queue';
import { PRIORITY_WEIGHT, type Priority } from '../domain/taskModel';

interface Entry {
  readonly providerId: string;
  readonly queueRemoval: AbortController;
  started: boolean;
  weight: number;
}

/** What the admission hook learns about a task that holds a provider slot and wants a global one. */
export interface AdmissionTicket {
  readonly taskId: string;
  readonly providerId: string;
  readonly weight: number;
  readonly promptTokens: number;
  /** Aborts when the task is unscheduled; a waiting admission must then reject. */
  readonly signal: AbortSignal;
}

export interface RunExtras {
  /** Estimated prompt tokens, for the provider's tokens-per-minute budget. */
  readonly promptTokens?: number;
  /** The task already made an attempt. */
  readonly retry?: boolean;
}

/** Less than the step between two priorities, so a retry never overtakes a higher priority. */
const RETRY_BOOST = 0.5;

export interface TaskSchedulerOptions {
  readonly concurrency: number;
  /** Limit for one provider; Infinity when none is set. */
  readonly providerConcurrency?: (providerId: string) => number;
  /**
   * Waits for the provider's rate budget (undefined = go now). It runs while the task holds its
   * provider slot but not yet a global one, so a rate-limited provider never starves the others.
   */
  readonly admit?: (ticket: AdmissionTicket) => Promise<void> | undefined;
}

export class TaskScheduler {
  private readonly global: PQueue;
  private readonly providerQueues = new Map<string, PQueue>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TaskSchedulerOptions) {
    this.global = new PQueue({ concurrency: clampConcurrency(options.concurrency) });
  }

  /**
   * Runs `fn` when slots allow and returns its result. Rejects with SlotRemovedError, without ever
   * calling `fn`, when the task is unscheduled first. A task asks again for each attempt, so
   * waiting out a retry delay never holds a slot.
   */
  run<T>(taskId: string, providerId: string, priority: Priority, fn: () => Promise<T>, extra: RunExtras = {}): Promise<T> {
    // A task coming back for another attempt goes ahead of new work of its own priority (never of
    // a higher one): finishing started work first keeps its time limit from running out in the queue.
    const weight = PRIORITY_WEIGHT[priority] + (extra.retry ? RETRY_BOOST : 0);
    const promptTokens = extra.promptTokens ?? 0;
    const entry: Entry = { providerId, queueRemoval: new AbortController(), started: false, weight };
    this.entries.set(taskId, entry);
    const signal = entry.queueRemoval.signal;
    const inGlobalSlot = async (): Promise<T> => {
      entry.started = true;
      try {
        return await fn();
      } finally {
        if (this.entries.get(taskId) === entry) this.entries.delete(taskId);
      }
    };
    // The weight is read late: a priority change while waiting for admission still counts.
    const enterGlobal = (): Promise<T> => this.global.add(inGlobalSlot, { priority: entry.weight, signal, id: taskId });
    const job = (): Promise<T> => {
      const admission = this.options.admit?.({ taskId, providerId, weight: entry.weight, promptTokens, signal });
      return admission ? admission.then(enterGlobal) : enterGlobal();
    };
    return this.providerQueue(providerId)
      .add(job, { priority: weight, signal, id: taskId })
      .catch((error: unknown) => {
        if (!entry.started) {
          if (this.entries.get(taskId) === entry) this.entries.delete(taskId);
          throw new SlotRemovedError(taskId);
        }
        throw error;
      });
  }

  /** Removes a task that has not started yet; returns false when it is running or unknown. */
  unschedule(taskId: string): boolean {
    const entry = this.entries.get(taskId);
    if (!entry || entry.started) return false;
    this.entries.delete(taskId);
    entry.queueRemoval.abort();
    return true;
  }

  setPriority(taskId: string, priority: Priority): void {
    const entry = this.entries.get(taskId);
    if (!entry || entry.started) return;
    const weight = PRIORITY_WEIGHT[priority];
    entry.weight = weight;
    // The task is in exactly one of the two queues; setPriority throws for an id a queue lacks.
    for (const queue of [this.providerQueue(entry.providerId), this.global]) {
      try {
        queue.setPriority(taskId, weight);
      } catch {
        // not in this queue
      }
    }
  }

  setConcurrency(concurrency: number): void {
    // p-queue starts more work immediately when the limit rises; running work is never interrupted.
    this.global.concurrency = clampConcurrency(concurrency);
  }

  get concurrency(): number {
    return this.global.concurrency;
  }

  /** Applies changed per-provider limits to existing provider queues. */
  refreshProviderLimits(): void {
    for (const [providerId, queue] of this.providerQueues) {
      queue.concurrency = clampConcurrency(this.options.providerConcurrency?.(providerId) ?? Infinity);
    }
  }

  pause(): void {
    this.global.pause();
  }

  resume(): void {
    this.global.start();
  }

  get paused(): boolean {
    return this.global.isPaused;
  }

  get runningCount(): number {
    return this.global.pending;
  }

  private providerQueue(providerId: string): PQueue {
    let queue = this.providerQueues.get(providerId);
    if (!queue) {
      queue = new PQueue({ concurrency: clampConcurrency(this.options.providerConcurrency?.(providerId) ?? Infinity) });
      this.providerQueues.set(providerId, queue);
    }
    return queue;
  }
}

/** The task was removed from the queue before it started. */
export class SlotRemovedError extends Error {
  constructor(readonly taskId: string) {
    super(`task ${taskId} was removed from the queue before it started`);
    this.name = 'SlotRemovedError';
  }
}

function clampConcurrency(value: number): number {
  if (value === Infinity) return Infinity;
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}
