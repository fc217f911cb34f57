// History commands: resume interrupted tasks, remove finished tasks (one, a selection, or all),
// each removal with an Undo, since a removed task's output is gone from the history for good.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskHistory } from '../../core/history/taskHistory';
import type { Task } from '../../core/domain/taskModel';
import { isTerminal } from '../../core/domain/taskModel';
import { CommandId, ContextKey } from '../../shared/ids';
import { taskIdsFromArgs } from '../pickers/taskSelection';

export interface HistoryCommandServices {
  readonly engine: TaskEngine;
  readonly history: TaskHistory;
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
        void vscode.window.showInformationMessage('AI Task Queue: no interrupted tasks to resume.');
        return [];
      }
      const resumed = s.history.resumeInterrupted(ids);
      void vscode.window.showInformationMessage(`AI Task Queue: resumed ${resumed.length} interrupted task(s); they are queued again.`);
      return resumed.map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.removeTask, async (arg?: unknown, selected?: unknown) => {
      let ids = taskIdsFromArgs(arg, selected);
      if (ids.length === 0) ids = await pickFinished(s.engine);
      const removed = s.history.remove(ids);
      if (removed.length > 0) offerUndo(s.history, removed, removed.length === 1 ? `removed "${removed[0]!.title}"` : `removed ${removed.length} tasks`);
      return removed.map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.clearFinished, () => {
      const removed = s.history.clearFinished();
      if (removed.length === 0) void vscode.window.showInformationMessage('AI Task Queue: no finished tasks to clear.');
      else offerUndo(s.history, removed, `cleared ${removed.length} finished task(s)`);
      return removed.map((t) => t.id);
    }),
  ];
}

/** A non-modal message with Undo: quicker than a confirmation and recoverable. */
function offerUndo(history: TaskHistory, removed: readonly Task[], what: string): void {
  void vscode.window.showInformationMessage(`AI Task Queue: ${what}.`, 'Undo').then((choice) => {
    if (choice === 'Undo') history.undoRemove(removed);
  });
}

async function pickFinished(engine: TaskEngine): Promise<string[]> {
  const finished = engine.list().filter((t) => isTerminal(t.status)).reverse();
  if (finished.length === 0) {
    void vscode.window.showInformationMessage('AI Task Queue: no finished tasks.');
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    finished.map((t) => ({ label: t.title, description: `${t.status} · ${t.model}`, taskId: t.id })),
    { placeHolder: 'Remove which finished tasks from history?', canPickMany: true, matchOnDescription: true },
  );
  return picked?.map((p) => p.taskId) ?? [];
}
