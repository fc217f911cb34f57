// The sidebar tree: one group per status with counts, tasks inside, newest first for finished
// groups and queue order for waiting ones. Engine events arrive per token, so refreshes are
// coalesced into at most one per interval.
import * as vscode from 'vscode';
import type { TaskEngine } from '../core/taskEngine';
import { PRIORITY_WEIGHT, type Task } from '../core/taskModel';
import { TASK_STATUSES, type TaskStatus } from '../shared/taskVocabulary';
import { createGroupItem, createTaskItem, groupLabel, type TaskTreeNode } from './taskTreeItems';
import type { TreeGroupSnapshot } from '../extensionApi';

const REFRESH_INTERVAL_MS = 150;

export class TaskTreeProvider implements vscode.TreeDataProvider<TaskTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly groupNodes = new Map<TaskStatus, TaskTreeNode>(TASK_STATUSES.map((status) => [status, { kind: 'group', status }]));
  private readonly taskNodes = new Map<string, TaskTreeNode>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: TaskEngine,
    private readonly providerLabel: (providerId: string) => string,
  ) {
    this.unsubscribe = engine.events.on(() => this.scheduleRefresh());
  }

  getTreeItem(node: TaskTreeNode): vscode.TreeItem {
    if (node.kind === 'group') return createGroupItem(node.status, this.tasksIn(node.status).length);
    const task = this.engine.get(node.taskId);
    if (!task) return new vscode.TreeItem('(removed)');
    return createTaskItem(task, Date.now(), this.providerLabel(task.providerId));
  }

  getChildren(node?: TaskTreeNode): TaskTreeNode[] {
    if (!node) return TASK_STATUSES.filter((s) => this.tasksIn(s).length > 0).map((s) => this.groupNodes.get(s)!);
    if (node.kind === 'task') return [];
    return this.tasksIn(node.status).map((t) => this.taskNode(t.id));
  }

  getParent(node: TaskTreeNode): TaskTreeNode | undefined {
    if (node.kind === 'group') return undefined;
    const task = this.engine.get(node.taskId);
    return task ? this.groupNodes.get(task.status) : undefined;
  }

  /** What the tree shows, computed through the same getChildren the view calls. */
  snapshot(): TreeGroupSnapshot[] {
    return this.getChildren().map((group) => {
      const status = (group as { status: TaskStatus }).status;
      const ids = this.getChildren(group).map((n) => (n as { taskId: string }).taskId);
      return { status, label: groupLabel(status, ids.length), taskIds: ids };
    });
  }

  nodeFor(taskId: string): TaskTreeNode | undefined {
    return this.engine.get(taskId) ? this.taskNode(taskId) : undefined;
  }

  refreshNow(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.unsubscribe();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.changed.dispose();
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => this.refreshNow(), REFRESH_INTERVAL_MS);
  }

  private taskNode(taskId: string): TaskTreeNode {
    let node = this.taskNodes.get(taskId);
    if (!node) {
      node = { kind: 'task', taskId };
      this.taskNodes.set(taskId, node);
    }
    return node;
  }

  private tasksIn(status: TaskStatus): Task[] {
    const tasks = this.engine.list().filter((t) => t.status === status);
    // Waiting and running work reads in queue order; finished work newest first.
    if (status === 'running') return tasks;
    if (status === 'queued') return tasks.sort((a, b) => PRIORITY_WEIGHT[b.priority] - PRIORITY_WEIGHT[a.priority] || a.createdAt - b.createdAt);
    return tasks.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
  }
}
