// The batch half of the tree: one node per batch or comparison (newest first), its member rows
// named by what differs, and a page of rows at a time for a large batch.
import type * as vscode from 'vscode';
import type { BatchIndex } from '../../core/results/batchIndex';
import { memberLabel, type BatchSummary } from '../../core/results/batchSummary';
import type { Task } from '../../core/domain/taskModel';
import { createBatchItem, createBatchMoreItem } from './batchTreeItems';
import type { TaskRowOptions, TaskTreeNode } from './taskTreeItems';

export const BATCH_PAGE_SIZE = 200;

export class BatchRows {
  private readonly batchNodes = new Map<string, TaskTreeNode>();
  private readonly moreNodes = new Map<string, TaskTreeNode>();
  private readonly pageLimits = new Map<string, number>();

  constructor(
    private readonly batches: BatchIndex,
    private readonly taskNode: (taskId: string) => TaskTreeNode,
  ) {}

  /** Batch nodes that have something to show under the filter. */
  roots(matcher: ((task: Task) => boolean) | undefined): TaskTreeNode[] {
    return this.batches
      .batchIds()
      .filter((id) => !matcher || this.members(id, matcher).length > 0)
      .map((id) => this.node(id));
  }

  children(batchId: string, matcher: ((task: Task) => boolean) | undefined): TaskTreeNode[] {
    const members = this.members(batchId, matcher);
    const limit = this.pageLimit(batchId);
    const rows = members.slice(0, limit).map((t) => this.taskNode(t.id));
    if (members.length <= limit) return rows;
    let more = this.moreNodes.get(batchId);
    if (!more) this.moreNodes.set(batchId, (more = { kind: 'batchMore', batchId }));
    return [...rows, more];
  }

  item(batchId: string): vscode.TreeItem | undefined {
    const summary = this.batches.summary(batchId);
    return summary && createBatchItem(summary);
  }

  moreItem(batchId: string, matcher: ((task: Task) => boolean) | undefined): vscode.TreeItem {
    return createBatchMoreItem(batchId, Math.max(0, this.members(batchId, matcher).length - this.pageLimit(batchId)), BATCH_PAGE_SIZE);
  }

  showMore(batchId: string): TaskTreeNode {
    this.pageLimits.set(batchId, this.pageLimit(batchId) + BATCH_PAGE_SIZE);
    return this.node(batchId);
  }

  node(batchId: string): TaskTreeNode {
    let node = this.batchNodes.get(batchId);
    if (!node) this.batchNodes.set(batchId, (node = { kind: 'batch', batchId }));
    return node;
  }

  /** How a member row reads: the file or the model as its label; `underBatch` false adds the prompt. */
  rowOptions(task: Task, underBatch: boolean): TaskRowOptions {
    const summary = task.batchId ? this.batches.summary(task.batchId) : undefined;
    if (!summary) return {};
    return { label: memberLabel(task, summary.kind), omitModel: summary.kind === 'models', ...(!underBatch && { prefix: summary.title }) };
  }

  /** Members in display order: files by path, models in launch order. */
  private members(batchId: string, matcher: ((task: Task) => boolean) | undefined): Task[] {
    const summary: BatchSummary | undefined = this.batches.summary(batchId);
    if (!summary) return [];
    const shown = matcher ? summary.members.filter(matcher) : [...summary.members];
    if (summary.kind === 'files') shown.sort((a, b) => memberLabel(a, 'files').localeCompare(memberLabel(b, 'files')));
    return shown;
  }

  private pageLimit(batchId: string): number {
    return this.pageLimits.get(batchId) ?? BATCH_PAGE_SIZE;
  }
}
