// Which finished tasks leave the history: those that finished more than `maxAgeDays` ago, then
// the oldest beyond `maxTasks`. Queued and running tasks are never dropped and do not count
// toward the limit: they are work in progress, not history.
import { isTerminal, type Task } from '../domain/taskModel';

export interface RetentionPolicy {
  readonly maxAgeDays: number;
  readonly maxTasks: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeDays: 30, maxTasks: 1000 };

const DAY_MS = 24 * 60 * 60 * 1000;

export function expiredTaskIds(tasks: readonly Task[], policy: RetentionPolicy, now: number): string[] {
  const cutoff = now - policy.maxAgeDays * DAY_MS;
  const finished = tasks.filter((t) => isTerminal(t.status));
  const expired = new Set(finished.filter((t) => endedAt(t) < cutoff).map((t) => t.id));
  const kept = finished.filter((t) => !expired.has(t.id));
  if (kept.length > policy.maxTasks) {
    // Newest first; everything after the first maxTasks goes. Ties keep history order (stable sort).
    const byAge = kept.map((t, i) => ({ t, i })).sort((a, b) => endedAt(b.t) - endedAt(a.t) || b.i - a.i);
    for (const { t } of byAge.slice(Math.max(0, policy.maxTasks))) expired.add(t.id);
  }
  return finished.filter((t) => expired.has(t.id)).map((t) => t.id);
}

function endedAt(task: Task): number {
  return task.finishedAt ?? task.startedAt ?? task.createdAt;
}
