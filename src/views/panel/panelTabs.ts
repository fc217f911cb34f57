// The editor tabs that hold an "AI Task Output" panel. VS Code gives an extension a WebviewPanel only
// for panels it created or that its serializer restored; a tab of ours it never handed over is
// either still waiting to be restored (a background tab after a reload) or an orphan whose extension
// host died (the panel keeps its last page, with nobody to update it).
import * as vscode from 'vscode';
import { ViewId } from '../../shared/ids';

export function outputPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.filter(isOutputPanelTab));
}

function isOutputPanelTab(tab: vscode.Tab): boolean {
  // The workbench prefixes the view type ("mainThreadWebview-aiTaskQueue.output").
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(ViewId.outputPanel);
}

/**
 * Whether `tab` shows `panel`. Only the tab shown in its group can be told apart: it is `panel`
 * when the panel is visible in that same column.
 */
export function isShownTabOf(tab: vscode.Tab, panel: vscode.WebviewPanel | undefined): boolean {
  return panel !== undefined && tab.isActive && panel.visible && panel.viewColumn === tab.group.viewColumn;
}
