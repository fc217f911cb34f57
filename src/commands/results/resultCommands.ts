// Registers the per-task result actions. Each takes a tree row or a task id (the output panel and
// tests pass ids), or asks with a task picker from the palette; an optional `{ block }` second
// argument names the code block to use.
import * as vscode from 'vscode';
import { CommandId } from '../../shared/ids';
import { applyToFile } from './fileApply';
import { blockOption, completedTask, NOTHING, type ResultOutcome, type ResultServices } from './resultServices';
import { replaceSelection } from './selectionReplace';
import { copyResult, insertAtCursor, openAsDocument } from './simpleResultActions';

export function registerResultCommands(s: ResultServices): vscode.Disposable[] {
  const command = (id: string, run: (arg: unknown, block: number | undefined) => Promise<ResultOutcome>): vscode.Disposable =>
    vscode.commands.registerCommand(id, (arg: unknown, options: unknown) => run(arg, blockOption(options)));
  return [
    command(CommandId.copyResult, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Copy the result of which task?'));
      return task ? copyResult(task, block) : NOTHING;
    }),
    command(CommandId.insertResultAtCursor, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Insert the result of which task at the cursor?'));
      return task ? insertAtCursor(s, task, block) : NOTHING;
    }),
    command(CommandId.openResultAsDocument, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Open the result of which task as a new document?'));
      return task ? openAsDocument(task, block) : NOTHING;
    }),
    command(CommandId.replaceSelectionWithResult, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Replace the selection of which task with its result?'), 'selection');
      return task ? replaceSelection(s, task, block, 'apply') : NOTHING;
    }),
    command(CommandId.applyResultToFile, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Apply the result of which task to its file?'), 'file');
      return task ? applyToFile(s, task, block, 'apply') : NOTHING;
    }),
    command(CommandId.compareResultWithSource, async (arg, block) => {
      const task = await completedTask(s, arg, vscode.l10n.t('Compare the result of which task with its source?'), 'any-source');
      if (!task?.source) return NOTHING;
      return task.source.kind === 'selection' ? replaceSelection(s, task, block, 'compare') : applyToFile(s, task, block, 'compare');
    }),
  ];
}
