// "AI Tasks: Cancel All": stops every queued and running task (including ones waiting for a retry
// or for an unavailable provider). More than a handful asks first, in a modal, because the
// queued work would be lost.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId } from '../../shared/ids';

/** Cancelling more tasks than this needs a confirmation. */
export const CONFIRM_CANCEL_ABOVE = 5;

const CONFIRM = 'Cancel All Tasks';

export function registerCancelAllCommand(engine: TaskEngine): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.cancelAll, async (): Promise<number> => {
      // A task waiting for its provider is cancelled too, so it is counted too.
      const { queued, waiting, running } = engine.counts();
      const total = queued + waiting + running;
      if (total === 0) {
        void vscode.window.showInformationMessage('AI Task Queue: no queued or running tasks to cancel.');
        return 0;
      }
      if (total > CONFIRM_CANCEL_ABOVE) {
        const detail = `${running} running${waiting > 0 ? `, ${waiting} waiting for a provider` : ''} and ${queued} queued. Running tasks stop at once and keep the output received so far.`;
        // An explicit "Keep Tasks" replaces the dialog's default "Cancel", which here would read as
        // the opposite of what it does.
        const choice = await vscode.window.showWarningMessage(`Cancel all ${total} tasks?`, { modal: true, detail }, { title: CONFIRM }, { title: 'Keep Tasks', isCloseAffordance: true });
        if (choice?.title !== CONFIRM) return 0;
      }
      return engine.cancelAll();
    }),
  ];
}
