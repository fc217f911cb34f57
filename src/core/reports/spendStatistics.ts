// Spend by batch and what the response cache saved, over the tasks a caller passes (all of
// history, or the filtered ones). Today's and this month's totals come from the spend ledger,
// which clearing history does not change; these come from the task records.
import type { Task } from '../domain/taskModel';

export interface BatchSpend {
  readonly batchId: string;
  readonly tasks: number;
  readonly costUsd: number;
  readonly unknownCostTasks: number;
  readonly estimatedTasks: number;
  /** When the batch's first task was created. */
  readonly createdAt: number;
  /** A title to recognise it by (its first task's). */
  readonly title: string;
}

export interface CacheSavings {
  readonly hits: number;
  readonly savedUsd: number;
  /** Hits whose original run had no known price. */
  readonly unpricedHits: number;
}

export interface SpendStatistics {
  readonly byBatch: readonly BatchSpend[];
  readonly cache: CacheSavings;
}

export function computeSpend(tasks: readonly Task[]): SpendStatistics {
  const batches = new Map<string, { tasks: number; costUsd: number; unknownCostTasks: number; estimatedTasks: number; createdAt: number; title: string }>();
  let hits = 0;
  let savedUsd = 0;
  let unpricedHits = 0;
  for (const task of tasks) {
    if (task.cached) {
      hits += 1;
      if (task.cached.savedUsd === null) unpricedHits += 1;
      else savedUsd += task.cached.savedUsd;
    }
    if (task.batchId === undefined) continue;
    let batch = batches.get(task.batchId);
    if (!batch) batches.set(task.batchId, (batch = { tasks: 0, costUsd: 0, unknownCostTasks: 0, estimatedTasks: 0, createdAt: task.createdAt, title: task.title }));
    batch.tasks += 1;
    if (task.createdAt < batch.createdAt) Object.assign(batch, { createdAt: task.createdAt, title: task.title });
    if (typeof task.costUsd === 'number') batch.costUsd += task.costUsd;
    else if (task.costUsd === null) batch.unknownCostTasks += 1;
    if (task.usage?.estimated) batch.estimatedTasks += 1;
  }
  return {
    byBatch: [...batches.entries()].map(([batchId, b]) => ({ batchId, ...b })).sort((a, b) => b.costUsd - a.costUsd || b.createdAt - a.createdAt),
    cache: { hits, savedUsd, unpricedHits },
  };
}
