// Offsets into a document's text → a VS Code Range.
import * as vscode from 'vscode';

export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
}
