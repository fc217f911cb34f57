// Text edits (offsets) → one WorkspaceEdit on a document: applied together, undone together.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/results/lineHunks';
import { rangeOf } from '../../host/results/documentRange';

export { rangeOf };

export async function applyEdits(doc: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, rangeOf(doc, e.start, e.end), e.text);
  return vscode.workspace.applyEdit(edit);
}

/** Offers follow-up buttons without holding up the command; `act` runs only if the document did not change again. */
export function offer(message: string, doc: vscode.TextDocument, buttons: readonly { readonly title: string; readonly act: () => Promise<string> }[]): void {
  const version = doc.version;
  void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0}', message), ...buttons.map((b) => b.title)).then(async (picked) => {
    const button = buttons.find((b) => b.title === picked);
    if (!button) return;
    if (doc.isClosed || doc.version !== version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0} changed again after the diff was shown; nothing was applied. Run the action again to see the new diff.', vscode.workspace.asRelativePath(doc.uri)));
      return;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: {0}', await button.act()));
  });
}
