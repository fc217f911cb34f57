// The sidebar tree: one group per status with counts, tasks inside, newest first for finished
// groups and queue order for waiting ones. Engine events arrive per token, so refreshes are
// coalesced into at most one per interval; a refresh caused only by streaming output updates just
// the rows that changed, not the whole tree. With a large history (10,000 tasks) groups come from
// an index kept up to date by events, and show a page of rows at a time ("Show more…"). Grouped by
// batch (the default), each batch or comparison is one node above the status groups, which then
// hold only tasks launched on their own; grouped by status, every task sits under its status.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { formatTaskFilter, taskMatcher, type TaskFilter } from '../../core/reports/taskFilter';
import type { Task } from '../../core/domain/taskModel';
import { TASK_STATUSES, type TaskStatus } from '../../shared/taskVocabulary';
import { createGroupItem, createMoreItem, createTaskItem, groupLabel, type TaskTreeNode } from './taskTreeItems';
import { TaskTreeIndex } from './taskTreeIndex';
import type { ProviderBatchNode, ProviderBatchSection } from './providerBatchSection';
import type { BatchIndex } from '../../core/results/batchIndex';
import type { LiveUsage } from '../../core/results/liveUsage';
import { BatchRows } from './batchRows';
import { phraseText } from '../format/phraseText';

export type TreeGrouping = 'batch' | 'status';

/** A batch node as the tree shows it (for tests and the API). */
export interface TreeBatchSnapshot {
  readonly batchId: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  /** Member rows on the first page, in display order, with their labels. */
  readonly rows: readonly { readonly taskId: string; readonly label: string }[];
}

export interface TreeGroupSnapshot {
  readonly status: TaskStatus;
  /** The label the tree shows, e.g. "Completed (3)". */
  readonly label: string;
  readonly taskIds: readonly string[];
}

const REFRESH_INTERVAL_MS = 150;
/** Rows per group before a "Show more…" row; VS Code resolves every child a group returns. */
export const TREE_PAGE_SIZE = 200;

export class TaskTreeProvider implements vscode.TreeDataProvider<TaskTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskTreeNode | TaskTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly groupNodes = new Map<TaskStatus, TaskTreeNode>(TASK_STATUSES.map((status) => [status, { kind: 'group', status }]));
  private readonly taskNodes = new Map<string, TaskTreeNode>();
  private readonly moreNodes = new Map<TaskStatus, TaskTreeNode>(TASK_STATUSES.map((status) => [status, { kind: 'more', status }]));
  private readonly pageLimits = new Map<TaskStatus, number>();
  private readonly index: TaskTreeIndex;
  private readonly unsubscribe: () => void;
  private readonly offHistory: () => void;
  private readonly offTaskChange: () => void;
  private readonly offBatches: () => void;
  private readonly offQueueState: () => void;
  private readonly changedRows = new Set<string>();
  private readonly changedBatches = new Set<string>();
  private structureChanged = false;
  private activeFilter: TaskFilter | undefined;
  private grouping: TreeGrouping = 'batch';
  private readonly batchRows: BatchRows;

  constructor(
    private readonly engine: TaskEngine,
    private readonly providerLabel: (providerId: string) => string,
    batches: BatchIndex,
    grouping: TreeGrouping = 'batch',
    private readonly liveUsage?: (task: Task) => LiveUsage | undefined,
    /** How much slower than usual to refresh (1 normally; more while the host is under pressure). */
    private readonly pace: () => number = () => 1,
    /** Provider batch jobs, shown as a group of their own above the status groups. */
    private readonly providerBatches?: ProviderBatchSection,
  ) {
    this.offBatches =
      providerBatches?.onDidChange(() => {
        this.structureChanged = true;
        this.scheduleRefresh();
      }) ?? ((): void => undefined);
    this.index = new TaskTreeIndex(engine);
    this.batchRows = new BatchRows(batches, (id) => this.taskNode(id));
    this.applyGrouping(grouping);
    // A progress event can move a task too (running ⇄ waiting for its provider): the index check is O(1).
    this.unsubscribe = engine.events.on((event) => {
      if (this.index.update(event.taskId)) this.structureChanged = true;
      else if (event.type === 'progress' || event.type === 'usage') this.changedRows.add(event.taskId);
      // A batch node shows its spend: a task's usage redraws it.
      const batchId = event.type === 'usage' ? engine.get(event.taskId)?.batchId : undefined;
      if (batchId) this.changedBatches.add(batchId);
      this.scheduleRefresh();
    });
    // Tasks that have not started change without events (queued ⇄ waiting, a priority change).
    this.offTaskChange = engine.onTaskChange((taskId) => {
      if (this.index.update(taskId)) this.structureChanged = true;
      else this.changedRows.add(taskId);
      this.scheduleRefresh();
    });
    // The Queued group says when the queue is paused, and why.
    this.offQueueState = engine.onQueueState(() => {
      if (this.index.count('queued') > 0) this.changed.fire(this.groupNodes.get('queued'));
    });
    this.offHistory = engine.onHistoryChange((change) => {
      if (change.type === 'updated') {
        // A rating: the rows redraw, the groups stay as they are.
        change.tasks.forEach((t) => this.changedRows.add(t.id));
        this.scheduleRefresh();
        return;
      }
      if (change.type === 'removed') {
        this.index.remove(change.taskIds);
        change.taskIds.forEach((id) => this.taskNodes.delete(id));
      } else change.tasks.forEach((t) => this.index.update(t.id));
      this.structureChanged = true;
      this.scheduleRefresh();
    });
  }

  /** Why the queue is paused, while it is. */
  get pausedBecause(): string | undefined {
    const state = this.engine.queueState;
    return state.paused ? (state.pauseReason ? phraseText(state.pauseReason) : vscode.l10n.t('new tasks do not start')) : undefined;
  }

  get groupedBy(): TreeGrouping {
    return this.grouping;
  }

  setGrouping(grouping: TreeGrouping): void {
    if (grouping === this.grouping) return;
    this.applyGrouping(grouping);
    this.refreshNow();
  }

  /** Shows another page of a large batch. */
  showMoreInBatch(batchId: string): void {
    this.changed.fire(this.batchRows.showMore(batchId));
  }

  /** The batch nodes the tree shows (grouped by batch), with their first page of rows. */
  batchSnapshot(): TreeBatchSnapshot[] {
    if (this.grouping !== 'batch') return [];
    return this.batchRows.roots(this.matcher).flatMap((node) => {
      if (node.kind !== 'batch') return [];
      const item = this.getTreeItem(node);
      const rows = this.getChildren(node).flatMap((n) => (n.kind === 'task' ? [{ taskId: n.taskId, label: labelOf(this.getTreeItem(n)) }] : []));
      return [{ batchId: node.batchId, label: labelOf(item), description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '', rows }];
    });
  }

  /** Shows only tasks matching `filter` (undefined shows all). */
  setFilter(filter: TaskFilter | undefined): void {
    this.activeFilter = filter;
    this.index.setMatcher(filter && taskMatcher(filter, this.providerLabel, phraseText));
    this.pageLimits.clear();
    this.refreshNow();
  }

  get filter(): TaskFilter | undefined {
    return this.activeFilter;
  }

  /** The filter as query text, for the view's description. */
  get filterText(): string | undefined {
    return this.activeFilter && formatTaskFilter(this.activeFilter);
  }

  /** The tasks the tree shows under the current filter, every page included. */
  visibleTasks(): Task[] {
    return TASK_STATUSES.flatMap((s) => [...this.index.tasksIn(s)]);
  }

  /** Shows another page of a long group. */
  showMore(status: TaskStatus): void {
    this.pageLimits.set(status, this.pageLimit(status) + TREE_PAGE_SIZE);
    this.changed.fire(this.groupNodes.get(status));
  }

  getTreeItem(node: TaskTreeNode): vscode.TreeItem {
    if (isProviderBatchNode(node)) return this.providerBatches!.item(node);
    if (node.kind === 'group') return createGroupItem(node.status, this.index.count(node.status), node.status === 'queued' ? this.pausedBecause : undefined);
    if (node.kind === 'more') return createMoreItem(node.status, Math.max(0, this.index.count(node.status) - this.pageLimit(node.status)), TREE_PAGE_SIZE);
    if (node.kind === 'batch') return this.batchRows.item(node.batchId) ?? new vscode.TreeItem(vscode.l10n.t('(removed)'));
    if (node.kind === 'batchMore') return this.batchRows.moreItem(node.batchId, this.matcher);
    const task = this.engine.get(node.taskId);
    if (!task) return new vscode.TreeItem(vscode.l10n.t('(removed)'));
    const live = this.liveUsage?.(task);
    return createTaskItem(task, Date.now(), this.providerLabel(task.providerId), { ...this.batchRows.rowOptions(task, this.grouping === 'batch'), ...(live && { live }) });
  }

  getChildren(node?: TaskTreeNode): TaskTreeNode[] {
    if (!node) {
      const providerBatches = this.providerBatches && this.providerBatches.jobs().length > 0 ? [this.providerBatches.root] : [];
      const groups = TASK_STATUSES.filter((s) => this.index.count(s) > 0).map((s) => this.groupNodes.get(s)!);
      return [...providerBatches, ...(this.grouping === 'batch' ? [...this.batchRows.roots(this.matcher), ...groups] : groups)];
    }
    if (isProviderBatchNode(node)) return this.providerBatches?.children(node) ?? [];
    if (node.kind === 'batch') return this.batchRows.children(node.batchId, this.matcher);
    if (node.kind !== 'group') return [];
    const limit = this.pageLimit(node.status);
    const rows = this.index.page(node.status, limit).map((t) => this.taskNode(t.id));
    return this.index.count(node.status) > limit ? [...rows, this.moreNodes.get(node.status)!] : rows;
  }

  getParent(node: TaskTreeNode): TaskTreeNode | undefined {
    if (isProviderBatchNode(node)) return this.providerBatches?.parent(node);
    if (node.kind === 'group' || node.kind === 'batch') return undefined;
    if (node.kind === 'more') return this.groupNodes.get(node.status);
    if (node.kind === 'batchMore') return this.batchRows.node(node.batchId);
    const batchId = this.engine.get(node.taskId)?.batchId;
    if (this.grouping === 'batch' && batchId) return this.batchRows.node(batchId);
    const status = this.index.statusOfTask(node.taskId);
    return status ? this.groupNodes.get(status) : undefined;
  }

  /** What the tree shows, computed through the same getChildren the view calls. */
  snapshot(): TreeGroupSnapshot[] {
    return this.getChildren().flatMap((group) => {
      if (group.kind !== 'group') return [];
      const status = group.status;
      const ids = this.getChildren(group).flatMap((n) => (n.kind === 'task' ? [n.taskId] : []));
      return [{ status, label: groupLabel(status, this.index.count(status)), taskIds: ids }];
    });
  }

  nodeFor(taskId: string): TaskTreeNode | undefined {
    return this.engine.get(taskId) ? this.taskNode(taskId) : undefined;
  }

  refreshNow(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.structureChanged = false;
    this.changedRows.clear();
    this.changedBatches.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.unsubscribe();
    this.offHistory();
    this.offTaskChange();
    this.offBatches();
    this.offQueueState();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.changed.dispose();
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => this.refresh(), REFRESH_INTERVAL_MS * this.pace());
  }

  /** Only streamed output changed: re-render those rows (a full refresh would re-resolve every row of every open group). */
  private refresh(): void {
    if (this.structureChanged) {
      this.refreshNow();
      return;
    }
    this.refreshTimer = undefined;
    const rows = [...this.changedRows].filter((id) => this.taskNodes.has(id)).map((id) => this.taskNode(id));
    if (this.grouping === 'batch') rows.push(...[...this.changedBatches].map((id) => this.batchRows.node(id)));
    this.changedRows.clear();
    this.changedBatches.clear();
    if (rows.length > 0) this.changed.fire(rows);
  }

  private get matcher(): ((task: Task) => boolean) | undefined {
    return this.activeFilter && taskMatcher(this.activeFilter, this.providerLabel, phraseText);
  }

  private applyGrouping(grouping: TreeGrouping): void {
    this.grouping = grouping;
    // Grouped by batch, a batch's tasks live under its node, not in the status groups.
    this.index.setExcluded(grouping === 'batch' ? (task) => task.batchId !== undefined : undefined);
  }

  private pageLimit(status: TaskStatus): number {
    return this.pageLimits.get(status) ?? TREE_PAGE_SIZE;
  }

  private taskNode(taskId: string): TaskTreeNode {
    let node = this.taskNodes.get(taskId);
    if (!node) {
      node = { kind: 'task', taskId };
      this.taskNodes.set(taskId, node);
    }
    return node;
  }
}

function isProviderBatchNode(node: TaskTreeNode): node is ProviderBatchNode {
  return node.kind === 'providerBatches' || node.kind === 'providerBatchJob' || node.kind === 'providerBatchPart';
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
