// How many tasks are in each status, kept by every status change instead of counted: the status
// bar and the badge read it on every event, and a scan of 100,000 tasks per event would not do.
import { TASK_STATUSES, type TaskStatus } from '../domain/taskModel';

export class TaskCounts {
  private readonly counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

  add(status: TaskStatus): void {
    this.counts[status] += 1;
  }

  remove(status: TaskStatus): void {
    this.counts[status] -= 1;
  }

  move(from: TaskStatus, to: TaskStatus): void {
    this.counts[from] -= 1;
    this.counts[to] += 1;
  }

  snapshot(): Record<TaskStatus, number> {
    return { ...this.counts };
  }
}
