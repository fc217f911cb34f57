// "AI Tasks: Cancel All": stops every queued and running task (including ones waiting for a retry
// or for an unavailable provider). More than a handful asks first, in a modal, because the
// queued work would be lost.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId } from '../../shared/ids';

/** Cancelling more tasks than this needs a confirmation. */
export const CONFIRM_CANCEL_ABOVE = 5;

const CONFIRM = vscode.l10n.t('Cancel All Tasks');

export function registerCancelAllCommand(engine: TaskEngine): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.cancelAll, async (): Promise<number> => {
      // Waiting tasks count too: held by their provider, or waiting at a provider batch (whose batch is then cancelled there).
      const { queued, running, waiting } = engine.counts();
      const total = queued + running + waiting;
      if (total === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no queued or running tasks to cancel.'));
        return 0;
      }
      if (total > CONFIRM_CANCEL_ABOVE) {
        const atProvider = waiting > 0 ? vscode.l10n.t(' and {0} waiting for their provider (a provider batch with nothing left to wait for is cancelled there too)', waiting) : '';
        const detail = vscode.l10n.t('{0} running and {1} queued{2}. Running tasks stop at once and keep the output received so far.', running, queued, atProvider);
        // An explicit "Keep Tasks" replaces the dialog's default "Cancel", which here would read as
        // the opposite of what it does.
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Cancel all {0} tasks?', total), { modal: true, detail }, { title: CONFIRM }, { title: vscode.l10n.t('Keep Tasks'), isCloseAffordance: true });
        if (choice?.title !== CONFIRM) return 0;
      }
      return engine.cancelAll();
    }),
  ];
}
