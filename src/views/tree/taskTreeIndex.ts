// Tasks by status for the tree, kept up to date from events instead of scanning all of history on
// every getChildren/getTreeItem call: with 10,000 tasks in history, a group's count is O(1) and its
// sorted, filtered list is computed once per change of that group (running tasks, whose output
// changes what a text filter matches, are re-filtered on each call; there are at most a few dozen).
// Imports no vscode, so it is unit-tested in plain Node.
import { PRIORITY_WEIGHT, type Task } from '../../core/domain/taskModel';
import { TASK_STATUSES, type TaskStatus } from '../../shared/taskVocabulary';

export interface TaskIndexSource {
  list(): readonly Task[];
  get(taskId: string): Task | undefined;
}

export class TaskTreeIndex {
  private readonly buckets = new Map<TaskStatus, Set<string>>(TASK_STATUSES.map((s) => [s, new Set<string>()]));
  private readonly statusOf = new Map<string, TaskStatus>();
  private readonly cache = new Map<TaskStatus, readonly Task[]>();
  private matcher: ((task: Task) => boolean) | undefined;
  private excluded: ((task: Task) => boolean) | undefined;

  constructor(private readonly source: TaskIndexSource) {
    for (const task of source.list()) this.place(task.id, task.status);
  }

  /** Re-reads one task's status (new task, or one that may have moved); true when its group changed. */
  update(taskId: string): boolean {
    const task = this.source.get(taskId);
    if (!task) return this.remove([taskId]);
    const before = this.statusOf.get(taskId);
    if (before === task.status) return false;
    if (before) this.bucket(before).delete(taskId);
    this.place(taskId, task.status);
    return true;
  }

  remove(taskIds: readonly string[]): boolean {
    let changed = false;
    for (const id of taskIds) {
      const status = this.statusOf.get(id);
      if (!status) continue;
      this.bucket(status).delete(id);
      this.statusOf.delete(id);
      this.cache.delete(status);
      changed = true;
    }
    return changed;
  }

  /** Applies a filter (undefined shows everything). */
  setMatcher(matcher: ((task: Task) => boolean) | undefined): void {
    this.matcher = matcher;
    this.cache.clear();
  }

  /** Leaves tasks out of every group (batch members while batches are shown as nodes of their own). */
  setExcluded(excluded: ((task: Task) => boolean) | undefined): void {
    this.excluded = excluded;
    this.cache.clear();
  }

  get filtered(): boolean {
    return this.matcher !== undefined;
  }

  /** The group's tasks that pass the filter, in display order: queue order while waiting or running, newest first once finished. */
  tasksIn(status: TaskStatus): readonly Task[] {
    const cached = this.cache.get(status);
    if (cached) return cached;
    const tasks: Task[] = [];
    for (const id of this.bucket(status)) {
      const task = this.source.get(id);
      if (task && (!this.excluded || !this.excluded(task)) && (!this.matcher || this.matcher(task))) tasks.push(task);
    }
    if (status === 'queued') tasks.sort((a, b) => PRIORITY_WEIGHT[b.priority] - PRIORITY_WEIGHT[a.priority] || a.createdAt - b.createdAt);
    else if (status !== 'running') tasks.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    if (status !== 'running' || !this.matcher) this.cache.set(status, tasks);
    return tasks;
  }

  /** All tasks of the group, filter or not. */
  totalIn(status: TaskStatus): number {
    return this.bucket(status).size;
  }

  statusOfTask(taskId: string): TaskStatus | undefined {
    return this.statusOf.get(taskId);
  }

  private place(taskId: string, status: TaskStatus): void {
    const previous = this.statusOf.get(taskId);
    if (previous) this.cache.delete(previous);
    this.bucket(status).add(taskId);
    this.statusOf.set(taskId, status);
    this.cache.delete(status);
  }

  private bucket(status: TaskStatus): Set<string> {
    return this.buckets.get(status)!;
  }
}
