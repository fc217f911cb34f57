// Commands that steer one task: cancel, retry, run fresh, show its output. Each takes the tree row
// it was invoked on, or asks with a task picker when run from the palette. A re-run is estimated
// and, when large or costly, confirmed before it is queued, like any new run.
import { rerunInput } from '../../core/engine/taskRecord';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import { CommandId } from '../../shared/ids';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { resolveTask } from '../pickers/taskPicker';
import { tasksToActOn, type TaskTargets } from '../pickers/taskTargets';
import { confirmRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { describeEstimate } from '../../views/format/costText';

export interface TaskActionServices {
  readonly engine: TaskEngine;
  readonly panel: OutputPanel;
  readonly confirmation: RunConfirmationServices;
  readonly targets: TaskTargets;
}

export function registerTaskActionCommands(s: TaskActionServices): vscode.Disposable[] {
  /** Confirms a re-run of `task` (on another model when given); says the estimate in the status bar when no question was needed. */
  const confirmRerun = async (task: Task, fresh: boolean): Promise<boolean> => {
    const run = { providerId: task.providerId, model: task.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }), fresh };
    const confirmed = await confirmRuns(s.confirmation, [run], { batch: false });
    if (!confirmed?.length) return false;
    void s.confirmation.estimator.quick(run).then((e) => vscode.window.setStatusBarMessage(vscode.l10n.t('AI Tasks: queued again — {0}', describeEstimate(e)), 8_000));
    return true;
  };
  return [
    vscode.commands.registerCommand(CommandId.cancelTask, async (arg: unknown, selected?: unknown): Promise<string[]> => {
      const tasks = await tasksToActOn(s.engine, s.targets, { arg, selected }, ['queued', 'waiting', 'running'], vscode.l10n.t('Cancel which task?'));
      return tasks.filter((t) => s.engine.cancel(t.id)).map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.retryTask, async (arg: unknown, selected?: unknown): Promise<string[]> => {
      const tasks = await tasksToActOn(s.engine, s.targets, { arg, selected }, ['failed', 'cancelled'], vscode.l10n.t('Retry which task?'));
      const started: string[] = [];
      for (const task of tasks) {
        if (!(await confirmRerun(task, false))) continue;
        const next = s.engine.retry(task.id);
        if (!next) continue;
        started.push(next.id);
        if (s.panel.shownTaskId === task.id) s.panel.show(next.id);
      }
      return started;
    }),
    vscode.commands.registerCommand(CommandId.runFresh, async (arg: unknown): Promise<string | undefined> => {
      const task = await resolveTask(s.engine, arg, ['completed', 'failed', 'cancelled'], vscode.l10n.t('Run which task again, without the response cache?'));
      if (!task || (task.status !== 'completed' && task.status !== 'failed' && task.status !== 'cancelled')) return undefined;
      if (!(await confirmRerun(task, true))) return undefined;
      // The same run as Retry would make (a workflow's steps, checks, prompt file, output cap), sent past the cache.
      const next = s.engine.submit({ ...rerunInput(task, {}), fresh: true });
      if (s.panel.shownTaskId === task.id) s.panel.show(next.id);
      return next.id;
    }),
    vscode.commands.registerCommand(CommandId.showOutput, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['queued', 'waiting', 'running', 'completed', 'failed', 'cancelled'], vscode.l10n.t('Show which task?'));
      if (task) s.panel.show(task.id);
    }),
  ];
}
