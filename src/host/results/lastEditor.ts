// The text editor "Insert at Cursor" means. While the output panel or the results view has focus
// VS Code has no active text editor, so the last one that had focus is remembered.
import * as vscode from 'vscode';
import { PROPOSAL_SCHEME } from './proposalDocuments';

export class LastEditor implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.last = usable(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : undefined;
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (usable(editor)) this.last = editor;
    });
  }

  /** The active text editor, else the last one that was active and is still visible. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (usable(active)) return active;
    const last = this.last;
    return last && vscode.window.visibleTextEditors.includes(last) && !last.document.isClosed ? last : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function usable(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  // Output channels and our own proposals are text editors too, but nobody types into them.
  return editor !== undefined && editor.document.uri.scheme !== 'output' && editor.document.uri.scheme !== PROPOSAL_SCHEME;
}
