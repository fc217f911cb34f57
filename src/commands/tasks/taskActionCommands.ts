// Commands that steer one task: cancel, retry, show its output. Each takes the tree row it was
// invoked on, or asks with a task picker when run from the palette.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId } from '../../shared/ids';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { resolveTask } from '../pickers/taskPicker';

export interface TaskActionServices {
  readonly engine: TaskEngine;
  readonly panel: OutputPanel;
}

export function registerTaskActionCommands(s: TaskActionServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.cancelTask, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['queued', 'waiting', 'running'], 'Cancel which task?');
      if (task) s.engine.cancel(task.id);
    }),
    vscode.commands.registerCommand(CommandId.retryTask, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['failed', 'cancelled'], 'Retry which task?');
      const next = task && s.engine.retry(task.id);
      if (next && s.panel.shownTaskId === task.id) s.panel.show(next.id);
    }),
    vscode.commands.registerCommand(CommandId.showOutput, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['queued', 'waiting', 'running', 'completed', 'failed', 'cancelled'], 'Show which task?');
      if (task) s.panel.show(task.id);
    }),
  ];
}
