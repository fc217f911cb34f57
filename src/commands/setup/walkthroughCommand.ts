// "AI Tasks: Get Started": opens the extension's walkthrough (contributes.walkthroughs) on the
// Welcome page, from the palette or the empty view's welcome text.
import * as vscode from 'vscode';
import { CommandId, WALKTHROUGH_ID } from '../../shared/ids';

export function registerWalkthroughCommand(extensionId: string): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.openWalkthrough, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false));
}
