// History commands: resume interrupted tasks, remove finished tasks (one, a selection, or all),
// each removal with an Undo, since a removed task's output is gone from the history for good.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskHistory } from '../../core/history/taskHistory';
import type { Task } from '../../core/domain/taskModel';
import { isTerminal } from '../../core/domain/taskModel';
import { CommandId, ContextKey } from '../../shared/ids';
import { taskIdsFromArgs } from '../pickers/taskSelection';
import { keyboardTargetIds, type TaskTargets } from '../pickers/taskTargets';

export interface HistoryCommandServices {
  readonly engine: TaskEngine;
  readonly history: TaskHistory;
  readonly targets: TaskTargets;
}

/** Run without the question (tests, other extensions): `{ keepFailed: true }` clears all but the failures. */
interface ClearRequest {
  readonly keepFailed: boolean;
}

export function registerHistoryCommands(s: HistoryCommandServices): vscode.Disposable[] {
  const syncInterrupted = (count: number): void => {
    void vscode.commands.executeCommand('setContext', ContextKey.hasInterrupted, count > 0);
  };
  syncInterrupted(s.history.pendingInterrupted().length);
  const off = s.history.onInterruptedChange(syncInterrupted);

  return [
    { dispose: off },
    vscode.commands.registerCommand(CommandId.resumeInterrupted, (arg?: unknown, selected?: unknown) => {
      const requested = taskIdsFromArgs(arg, selected);
      const pending = s.history.pendingInterrupted();
      const ids = requested.length > 0 ? requested.filter((id) => pending.includes(id)) : pending;
      if (ids.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no interrupted tasks to resume.'));
        return [];
      }
      const resumed = s.history.resumeInterrupted(ids);
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: resumed {0} interrupted task(s); they are queued again.', resumed.length));
      return resumed.map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.removeTask, async (arg?: unknown, selected?: unknown) => {
      // Delete in the tree passes { from: 'treeSelection' }: the selected rows, finished or not (only finished ones go).
      let ids = [...(keyboardTargetIds(arg, s.targets) ?? taskIdsFromArgs(arg, selected))];
      if (ids.length === 0 && keyboardTargetIds(arg, s.targets) === undefined) ids = await pickFinished(s.engine);
      const removed = s.history.remove(ids);
      if (removed.length > 0) offerUndo(s.history, removed, removed.length === 1 ? vscode.l10n.t('removed "{0}"', removed[0]!.title) : vscode.l10n.t('removed {0} tasks', removed.length));
      return removed.map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.clearFinished, async (arg?: unknown) => {
      const request = clearRequest(arg) ?? (await askWhatToClear(s.engine));
      if (!request) return [];
      const removed = s.history.clearFinished(request.keepFailed);
      if (removed.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no finished tasks to clear.'));
      else offerUndo(s.history, removed, vscode.l10n.t('cleared {0} finished task(s){1}', removed.length, request.keepFailed ? vscode.l10n.t('; the failed ones were kept') : ''));
      return removed.map((t) => t.id);
    }),
  ];
}

function clearRequest(arg: unknown): ClearRequest | undefined {
  return arg && typeof arg === 'object' && 'keepFailed' in arg && typeof arg.keepFailed === 'boolean' ? { keepFailed: arg.keepFailed } : undefined;
}

/**
 * Clearing removes every finished task's output at once, and the failed ones are the list a person
 * most needs (to retry, or to see why): ask first, and offer to keep them.
 */
async function askWhatToClear(engine: TaskEngine): Promise<ClearRequest | undefined> {
  const c = engine.counts();
  const total = c.completed + c.failed + c.cancelled;
  if (total === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no finished tasks to clear.'));
    return undefined;
  }
  const clearAll = { title: vscode.l10n.t('Clear All {0}', total), keepFailed: false };
  const keepFailed = { title: vscode.l10n.t('Keep the {0} Failed, Clear {1}', c.failed, total - c.failed), keepFailed: true };
  const keep = { title: vscode.l10n.t('Keep Them'), keepFailed: false, isCloseAffordance: true };
  const detail = vscode.l10n.t('{0} completed, {1} failed, {2} cancelled. Their prompts and output leave the task history; Undo in the next message brings them back.', c.completed, c.failed, c.cancelled);
  const buttons = c.failed > 0 && c.failed < total ? [keepFailed, clearAll, keep] : [clearAll, keep];
  const choice = await vscode.window.showWarningMessage(total === 1 ? vscode.l10n.t('Clear 1 finished task?') : vscode.l10n.t('Clear {0} finished tasks?', total), { modal: true, detail }, ...buttons);
  return choice && choice !== keep ? { keepFailed: choice.keepFailed } : undefined;
}

/** A non-modal message with Undo: quicker than a confirmation and recoverable. */
function offerUndo(history: TaskHistory, removed: readonly Task[], what: string): void {
  void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: {0}.', what), vscode.l10n.t('Undo')).then((choice) => {
    if (choice === vscode.l10n.t('Undo')) history.undoRemove(removed);
  });
}

async function pickFinished(engine: TaskEngine): Promise<string[]> {
  const finished = engine.list().filter((t) => isTerminal(t.status)).reverse();
  if (finished.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no finished tasks.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    finished.map((t) => ({ label: t.title, description: `${t.status} · ${t.model}`, taskId: t.id })),
    { placeHolder: vscode.l10n.t('Remove which finished tasks from history?'), canPickMany: true, matchOnDescription: true },
  );
  return picked?.map((p) => p.taskId) ?? [];
}
