// A TaskStore that keeps batches in memory and records each one, for tests of what is saved when.
import type { StoredTask } from '../../../src/core/history/storedTask';
import type { StoreBatch, StoreLoadResult, TaskStore } from '../../../src/core/history/taskStore';

export class MemoryTaskStore implements TaskStore {
  readonly batches: StoreBatch[] = [];
  readonly records = new Map<string, StoredTask>();

  constructor(initial: readonly StoredTask[] = [], private readonly warnings: readonly string[] = []) {
    for (const t of initial) this.records.set(t.id, t);
  }

  async load(): Promise<StoreLoadResult> {
    return { tasks: [...this.records.values()], warnings: this.warnings };
  }

  async save(batch: StoreBatch): Promise<void> {
    this.batches.push(batch);
    for (const id of batch.remove) this.records.delete(id);
    for (const t of batch.put) this.records.set(t.id, t);
  }

  async flush(): Promise<void> {}
}
