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
    void vscode.window.showInformationMessage(`AI Task Queue paused: "${task.title}" failed${code}. Other tasks wait until you resume.`, 'Resume').then((choice) => {
      showing = false;
      if (choice === 'Resume') engine.resume();
    });
  });
  return { dispose: off };
}
