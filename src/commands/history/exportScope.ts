// Which tasks "Export Tasks…" writes: the rows selected in the tree, the tasks the filter shows,
// one batch, or the whole history. Asked with a quick pick unless the command was given them.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { TaskTreeNode } from '../../views/tree/taskTreeItems';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';
import { formatTimestamp } from '../../views/format/timestampText';

interface ScopeItem extends vscode.QuickPickItem {
  readonly tasks?: () => readonly Task[];
  readonly pickBatch?: boolean;
}

export async function pickExportScope(engine: TaskEngine, tree: TaskTreeProvider, view: vscode.TreeView<TaskTreeNode>): Promise<readonly Task[] | undefined> {
  const all = engine.list();
  // A selected batch node stands for every task of the batch, reruns included.
  const selected = view.selection.flatMap((n) => (n.kind === 'task' ? [n.taskId] : n.kind === 'batch' ? all.filter((t) => t.batchId === n.batchId).map((t) => t.id) : []));
  const batches = [...new Set(all.flatMap((t) => (t.batchId !== undefined ? [t.batchId] : [])))];
  const items: ScopeItem[] = [];
  if (selected.length > 0) items.push({ label: vscode.l10n.t('Selected tasks'), description: `${selected.length}`, tasks: () => inHistoryOrder(engine, selected) });
  if (tree.filterText) items.push({ label: vscode.l10n.t('Tasks shown by the filter'), description: `${tree.visibleTasks().length} · ${tree.filterText}`, tasks: () => inHistoryOrder(engine, tree.visibleTasks().map((t) => t.id)) });
  if (batches.length > 0) items.push({ label: vscode.l10n.t('A batch…'), description: vscode.l10n.t('{0} batch(es)', batches.length), pickBatch: true });
  items.push({ label: vscode.l10n.t('Whole history'), description: `${all.length}`, tasks: () => engine.list() });
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('AI Tasks: Export Tasks'), placeHolder: vscode.l10n.t('Export which tasks?') });
  if (!picked) return undefined;
  if (!picked.pickBatch) return picked.tasks?.();
  // Batch ids are UUIDs: a batch is shown by its first task and its size, newest first.
  const batch = await vscode.window.showQuickPick(
    batches.reverse().map((id) => {
      const members = all.filter((t) => t.batchId === id);
      const first = members[0]!;
      return { label: first.title, description: vscode.l10n.t('{0} task(s) · {1}', members.length, formatTimestamp(first.createdAt)), detail: id, batchId: id };
    }),
    { title: vscode.l10n.t('AI Tasks: Export a Batch'), placeHolder: vscode.l10n.t('Which batch?'), matchOnDetail: true },
  );
  return batch ? all.filter((t) => t.batchId === batch.batchId) : undefined;
}

export function inHistoryOrder(engine: TaskEngine, ids: readonly string[]): Task[] {
  const wanted = new Set(ids);
  return engine.list().filter((t) => wanted.has(t.id));
}
