// Tells the user when "aiTaskQueue.pauseOnFailure" paused the queue, with a Resume button. One
// notice at a time: further failures while it is open would only repeat it.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';

export function registerFailurePauseNotice(engine: TaskEngine): vscode.Disposable {
  let showing = false;
  const off = engine.onPausedByFailure((task) => {
    if (showing) return;
    showing = true;
    const code = task.error ? ` (${task.error.code})` : '';
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue paused: "{0}" failed{1}. Other tasks wait until you resume.', task.title, code), vscode.l10n.t('Resume')).then((choice) => {
      showing = false;
      if (choice === vscode.l10n.t('Resume')) engine.resume();
    });
  });
  return { dispose: off };
}
