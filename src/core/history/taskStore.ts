// The port between the engine side and durable task history. The engine side (TaskPersister)
// decides what to save and when; an implementation (src/persistence/fileTaskStore.ts) decides how, and
// must make every saved batch all-or-nothing on disk.
import type { StoredTask } from './storedTask';

/** One atomic unit of change: after a crash, either all of it is in the store or none of it. */
export interface StoreBatch {
  /** Whole records; a record replaces any earlier one with the same id. */
  readonly put: readonly StoredTask[];
  readonly remove: readonly string[];
}

export interface StoreLoadResult {
  /** In the order they were first saved (which is submission order). */
  readonly tasks: readonly StoredTask[];
  /**
   * What a person should be told: a file that could not be read was moved aside (and where to),
   * records were skipped. Empty when the store loaded cleanly.
   */
  readonly warnings: readonly string[];
}

export interface TaskStore {
  /** Reads the history; never rejects: an unreadable store is moved aside and reported in `warnings`. */
  load(): Promise<StoreLoadResult>;
  /** Queues a batch; resolves once it is durable (or its write failed and was reported). */
  save(batch: StoreBatch): Promise<void>;
  /** Resolves when every batch saved so far is durable. */
  flush(): Promise<void>;
}
