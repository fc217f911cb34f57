// Reads files for prompts, refusing what a prompt should not carry: binaries and very large files
// are skipped with a reason instead of silently truncated.
import * as vscode from 'vscode';

export const MAX_FILE_BYTES = 256 * 1024;

export type FileRead = { readonly uri: vscode.Uri; readonly text: string; readonly languageId: string } | { readonly uri: vscode.Uri; readonly skipped: string };

export async function readFileForPrompt(uri: vscode.Uri): Promise<FileRead> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { uri, skipped: vscode.l10n.t('is a folder') };
    if (stat.size > MAX_FILE_BYTES) return { uri, skipped: vscode.l10n.t('is {0} KB, over the {1} KB limit', Math.round(stat.size / 1024), MAX_FILE_BYTES / 1024) };
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText().includes('\u0000')) return { uri, skipped: vscode.l10n.t('looks binary') };
    return { uri, text: document.getText(), languageId: document.languageId };
  } catch (error) {
    return { uri, skipped: vscode.l10n.t('could not be read ({0})', error instanceof Error ? error.message : String(error)) };
  }
}
