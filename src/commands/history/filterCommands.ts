// "Filter Tasks…" narrows the tree by status, provider, model, batch and text; "Clear Filter"
// shows everything again. The active filter is shown in the view's description and message, so
// a filtered tree is never mistaken for the whole history.
import * as vscode from 'vscode';
import { parseTaskFilter, type TaskFilter } from '../../core/reports/taskFilter';
import { phraseText } from '../../views/format/phraseText';
import { TASK_STATUSES } from '../../shared/taskVocabulary';
import type { TaskTreeNode } from '../../views/tree/taskTreeItems';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';
import { CommandId, ContextKey } from '../../shared/ids';

export function registerFilterCommands(tree: TaskTreeProvider, view: vscode.TreeView<TaskTreeNode>): vscode.Disposable[] {
  const apply = (filter: TaskFilter | undefined): void => {
    tree.setFilter(filter);
    const text = tree.filterText;
    view.description = text ? vscode.l10n.t('filter: {0}', text) : undefined;
    view.message = text ? vscode.l10n.t('Showing only tasks matching {0}. "Clear Filter" shows all.', text) : undefined;
    void vscode.commands.executeCommand('setContext', ContextKey.filtered, text !== undefined);
  };
  void vscode.commands.executeCommand('setContext', ContextKey.filtered, false);

  return [
    vscode.commands.registerCommand(CommandId.filterTasks, async (query?: unknown) => {
      // A query passed in (tests, keybindings) applies directly.
      const text = typeof query === 'string' ? query : await askForQuery(tree.filterText ?? '');
      if (text === undefined) return;
      const parsed = parseTaskFilter(text);
      if (parsed.error) {
        void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0}', phraseText(parsed.error)));
        return;
      }
      apply(parsed.filter);
    }),
    vscode.commands.registerCommand(CommandId.clearFilter, () => apply(undefined)),
  ];
}

function askForQuery(current: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('AI Tasks: Filter Tasks'),
    value: current,
    prompt: vscode.l10n.t('Words match title, prompt, output and error. Narrow with status:{0}  provider:openai  model:gpt-4o  batch:id. Empty shows all.', TASK_STATUSES.join(',')),
    placeHolder: vscode.l10n.t('e.g. status:failed model:gpt-4o timeout'),
    validateInput: (value) => {
      const { error } = parseTaskFilter(value);
      return error && phraseText(error);
    },
  });
}
