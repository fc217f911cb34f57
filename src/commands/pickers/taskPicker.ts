// Commands that act on a task accept it from the tree (a node), from the panel or tests (an id),
// or, from the command palette, ask the user to pick one.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { TaskStatus } from '../../shared/taskVocabulary';
import { GROUP_LABELS } from '../../views/tree/taskTreeItems';

export function taskIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'taskId' in arg && typeof arg.taskId === 'string') return arg.taskId;
  return undefined;
}

export async function resolveTask(engine: TaskEngine, arg: unknown, statuses: readonly TaskStatus[], placeHolder: string, fits?: (task: Task) => boolean): Promise<Task | undefined> {
  const id = taskIdFromArg(arg);
  if (id) {
    const task = engine.get(id);
    if (!task) void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: no task with id {0}.', id));
    return task;
  }
  const candidates = engine.list().filter((t) => statuses.includes(t.status) && (!fits || fits(t))).reverse();
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no {0} tasks{1}.', statuses.map((s) => GROUP_LABELS[s].toLowerCase()).join(vscode.l10n.t(' or ')), fits ? vscode.l10n.t(' this applies to') : ''));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((t) => ({ label: t.title, description: `${GROUP_LABELS[t.status]} · ${t.model}`, taskId: t.id })),
    { placeHolder, matchOnDescription: true },
  );
  return picked ? engine.get(picked.taskId) : undefined;
}
