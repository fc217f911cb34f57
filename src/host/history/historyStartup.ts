// What a person sees after the history is loaded: any problem with the store (a file moved aside,
// history not saved in this window), and the tasks the last shutdown interrupted, resumed right
// away when `aiTaskQueue.resumeInterruptedOnStartup` is on, else offered with a Resume button.
import * as vscode from 'vscode';
import type { HistoryOpenResult, TaskHistory } from '../../core/history/taskHistory';
import { CommandId, ViewId } from '../../shared/ids';
import type { Logger } from '../logging/logger';

export function announceHistory(result: HistoryOpenResult, history: TaskHistory, resumeOnStartup: boolean, log: Logger): void {
  for (const warning of result.warnings) {
    log.warn(warning);
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0}', warning));
  }
  const interrupted = result.interruptedLastSession;
  if (interrupted.length === 0) return;
  if (resumeOnStartup) {
    const resumed = history.resumeInterrupted(interrupted);
    log.info(`resumed ${resumed.length} task(s) interrupted by the last shutdown`);
    return;
  }
  void vscode.window
    .showInformationMessage(vscode.l10n.t('AI Task Queue: {0} task(s) were interrupted when VS Code closed; their partial output was kept.', interrupted.length), vscode.l10n.t('Resume'), vscode.l10n.t('Show'))
    .then((choice) => {
      if (choice === vscode.l10n.t('Resume')) void vscode.commands.executeCommand(CommandId.resumeInterrupted, interrupted);
      if (choice === vscode.l10n.t('Show')) void vscode.commands.executeCommand(`${ViewId.tasks}.focus`);
    });
}
