// Pause and resume the whole queue; a context key switches the view's toolbar button.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId, ContextKey } from '../../shared/ids';

export function registerQueueCommands(engine: TaskEngine): vscode.Disposable[] {
  const sync = (): void => {
    void vscode.commands.executeCommand('setContext', ContextKey.paused, engine.queueState.paused);
  };
  sync();
  const off = engine.onQueueState(sync);
  return [
    { dispose: off },
    vscode.commands.registerCommand(CommandId.pauseQueue, () => engine.pause()),
    vscode.commands.registerCommand(CommandId.resumeQueue, () => engine.resume()),
  ];
}
