// Rating a finished result from the tree (the panel has the same thumbs, and takes a rating back). Stored with the task and counted in statistics by model and prompt file.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Rating } from '../../core/domain/quality';
import { CommandId } from '../../shared/ids';
import { taskIdsFromArgs } from '../pickers/taskSelection';

export function registerRateCommands(engine: TaskEngine): vscode.Disposable[] {
  const rate = (rating: Rating) => (clicked?: unknown, selected?: unknown): void => {
    const ids = taskIdsFromArgs(clicked, selected);
    const rated = ids.filter((id) => engine.rate(id, rating) || engine.get(id)?.rating === rating).length;
    if (ids.length > 0 && rated === 0) void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: only completed tasks can be rated.'));
  };
  return [vscode.commands.registerCommand(CommandId.rateGood, rate('up')), vscode.commands.registerCommand(CommandId.rateBad, rate('down'))];
}
