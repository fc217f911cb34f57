// What a click on a tree row runs. The rows carry no command arguments (see createTaskItem): VS Code
// selects the clicked row, tells the extension host, then runs the command, in that order on one
// channel, so the selection names the row that was clicked.
import * as vscode from 'vscode';
import { CommandId } from '../../shared/ids';
import type { OutputPanel } from '../../views/panel/outputPanel';
import type { TaskTreeNode } from '../../views/tree/taskTreeItems';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';

/**
 * Right after the tree is rebuilt (a task changed group), VS Code knows the selected row's id but
 * cannot name its element until it has fetched the rows again, one round trip later: the selection
 * reads as empty until then. A click always selects a row, so an empty selection means "wait".
 */
const SELECTION_WAIT_MS = 2_000;
const SELECTION_POLL_MS = 25;

export interface TreeRowServices {
  readonly tree: TaskTreeProvider;
  readonly view: vscode.TreeView<TaskTreeNode>;
  readonly panel: OutputPanel;
}

export function registerTreeRowCommand(s: TreeRowServices): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openTreeRow, async () => {
    const selected = await selectedRows(s.view);
    // Several rows selected (Ctrl/Shift-click) is a selection for the row actions, not an "open".
    if (selected.length !== 1) return;
    const row = selected[0]!;
    if (row.kind === 'task') s.panel.show(row.taskId);
    else if (row.kind === 'more') s.tree.showMore(row.status);
  });
}

async function selectedRows(view: vscode.TreeView<TaskTreeNode>): Promise<readonly TaskTreeNode[]> {
  const deadline = Date.now() + SELECTION_WAIT_MS;
  while (view.selection.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, SELECTION_POLL_MS));
  return view.selection;
}
