// Stored task records for store tests: deterministic content derived from a number, so a reader
// can tell exactly which write a record came from and whether it is whole.
import type { StoredTask } from '../../../src/core/history/storedTask';

/** Output whose length varies with n and which contains multi-byte characters (é, 漢, 🙂). */
export function outputFor(n: number): string {
  return `${n}:${'é漢🙂abc'.repeat((n * 37) % 700)}:${n}`;
}

export function storedTask(id: string, n: number, extra: Partial<StoredTask> = {}): StoredTask {
  return {
    id,
    title: `task ${id}`,
    prompt: `prompt ${n}`,
    providerId: 'p',
    model: 'm',
    priority: 'normal',
    status: 'completed',
    attempts: 1,
    createdAt: 1_000 + n,
    startedAt: 1_001 + n,
    finishedAt: 1_002 + n,
    output: outputFor(n),
    savedAt: 1_003 + n,
    ...extra,
  };
}

/** Ids removed by the writer's batch n: it keeps the 40 newest, so the snapshot stays small and folds are frequent. */
export function removedBy(n: number): string[] {
  return n > 40 ? [`t${n - 40}`] : [];
}
