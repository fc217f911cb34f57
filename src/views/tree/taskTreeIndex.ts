// Tasks by status for the tree, kept up to date from events instead of scanning all of history on
// every getChildren/getTreeItem call. Each group keeps its display order as it grows, so no change
// ever sorts a group: waiting and queued tasks are kept per priority in arrival order (urgent
// first), running ones in start order, finished ones in the order they finished (shown newest
// first). A group's list is rebuilt only after it changed, and only once per refresh however many
// events came in between; 100,000 queued tasks cost a walk of a set, never a sort. Running tasks,
// whose output changes what a text filter matches, are re-filtered on each call (a few dozen at
// most). Imports no vscode, so it is unit-tested in plain Node.
import { PRIORITIES, type Priority, type Task } from '../../core/domain/taskModel';
import { TASK_STATUSES, type TaskStatus } from '../../shared/taskVocabulary';

export interface TaskIndexSource {
  list(): readonly Task[];
  get(taskId: string): Task | undefined;
}

const BY_PRIORITY: ReadonlySet<TaskStatus> = new Set(['queued', 'waiting']);
const NEWEST_FIRST: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);

interface Placement {
  readonly status: TaskStatus;
  readonly priority: Priority;
  /** Known but in no group (see setExcluded). */
  readonly excluded: boolean;
}

export class TaskTreeIndex {
  /** status → priority → ids in arrival order (groups not kept by priority use 'normal' only). */
  private readonly buckets = new Map<TaskStatus, Map<Priority, Set<string>>>(
    TASK_STATUSES.map((s) => [s, new Map(PRIORITIES.map((p) => [p, new Set<string>()]))]),
  );
  private readonly placed = new Map<string, Placement>();
  private readonly cache = new Map<TaskStatus, readonly Task[]>();
  private matcher: ((task: Task) => boolean) | undefined;
  private excluded: ((task: Task) => boolean) | undefined;

  constructor(private readonly source: TaskIndexSource) {
    // History arrives in any order: place finished tasks in the order they finished, once.
    const tasks = [...source.list()].sort((a, b) => (a.finishedAt ?? a.createdAt) - (b.finishedAt ?? b.createdAt));
    for (const task of tasks) this.place(task);
  }

  /** Re-reads one task's status and priority; true when its group changed. O(1). */
  update(taskId: string): boolean {
    const task = this.source.get(taskId);
    if (!task) return this.remove([taskId]);
    const before = this.placed.get(taskId);
    const priority = BY_PRIORITY.has(task.status) ? task.priority : 'normal';
    if (before && before.status === task.status && before.priority === priority) return false;
    const moved = before?.status !== task.status;
    if (before) this.unplace(taskId, before);
    this.place(task);
    return moved || before === undefined;
  }

  remove(taskIds: readonly string[]): boolean {
    let changed = false;
    for (const id of taskIds) {
      const before = this.placed.get(id);
      if (!before) continue;
      this.unplace(id, before);
      changed = true;
    }
    return changed;
  }

  /** Applies a filter (undefined shows everything). */
  setMatcher(matcher: ((task: Task) => boolean) | undefined): void {
    this.matcher = matcher;
    this.cache.clear();
  }

  /**
   * Leaves tasks out of every group (batch members while batches are shown as nodes of their own).
   * The predicate must not change for a task; changing it re-places every task once.
   */
  setExcluded(excluded: ((task: Task) => boolean) | undefined): void {
    this.excluded = excluded;
    const ids = [...this.placed.keys()];
    for (const buckets of this.buckets.values()) for (const set of buckets.values()) set.clear();
    this.placed.clear();
    this.cache.clear();
    for (const id of ids) {
      const task = this.source.get(id);
      if (task) this.place(task);
    }
  }

  get filtered(): boolean {
    return this.matcher !== undefined;
  }

  /**
   * The first `limit` tasks of the group that pass the filter, in display order: what one page of
   * the tree shows. Walks only as far as the page, so 100,000 queued tasks cost a page, not a list.
   */
  page(status: TaskStatus, limit: number): readonly Task[] {
    const full = this.cache.get(status);
    if (full) return full.slice(0, limit);
    const tasks: Task[] = [];
    for (const id of this.ids(status)) {
      if (tasks.length >= limit) break;
      const task = this.source.get(id);
      if (task && (!this.matcher || this.matcher(task))) tasks.push(task);
    }
    return tasks;
  }

  /** How many tasks of the group pass the filter: the group's size when no filter is set. */
  count(status: TaskStatus): number {
    return this.matcher ? this.tasksIn(status).length : this.totalIn(status);
  }

  /** The group's tasks that pass the filter, in display order (every page: exports, snapshots). */
  tasksIn(status: TaskStatus): readonly Task[] {
    const cached = this.cache.get(status);
    if (cached) return cached;
    const tasks: Task[] = [];
    for (const id of this.ids(status)) {
      const task = this.source.get(id);
      if (task && (!this.matcher || this.matcher(task))) tasks.push(task);
    }
    if (status !== 'running' || !this.matcher) this.cache.set(status, tasks);
    return tasks;
  }

  /** The group's ids in display order, lazily. */
  private *ids(status: TaskStatus): Iterable<string> {
    const byPriority = this.buckets.get(status)!;
    if (NEWEST_FIRST.has(status)) {
      const ids = [...byPriority.get('normal')!];
      for (let i = ids.length - 1; i >= 0; i -= 1) yield ids[i]!;
      return;
    }
    for (const priority of PRIORITIES) yield* byPriority.get(priority)!;
  }

  /** All tasks of the group, filter or not. */
  totalIn(status: TaskStatus): number {
    let total = 0;
    for (const ids of this.buckets.get(status)!.values()) total += ids.size;
    return total;
  }

  statusOfTask(taskId: string): TaskStatus | undefined {
    return this.placed.get(taskId)?.status;
  }

  private place(task: Task): void {
    const priority = BY_PRIORITY.has(task.status) ? task.priority : 'normal';
    const excluded = this.excluded?.(task) ?? false;
    if (!excluded) this.buckets.get(task.status)!.get(priority)!.add(task.id);
    this.placed.set(task.id, { status: task.status, priority, excluded });
    if (!excluded) this.cache.delete(task.status);
  }

  private unplace(taskId: string, placement: Placement): void {
    this.buckets.get(placement.status)!.get(placement.priority)!.delete(taskId);
    this.placed.delete(taskId);
    if (!placement.excluded) this.cache.delete(placement.status);
  }
}
