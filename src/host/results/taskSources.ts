// Builds what a task remembers of its source at launch: the selection (document, range, version)
// or the file (with a hash of the text that was sent), and the prompt that holds that text.
import * as vscode from 'vscode';
import type { FileSource, PromptSpan, SelectionSource, TaskSource } from '../../core/domain/taskSource';
import { promptWithSource } from '../../core/launch/promptText';
import { contentHash } from '../../core/results/contentHash';

/** The path a label shows: workspace-relative for files, the name for untitled documents. */
export function sourcePath(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri);
}

/** The selection as it is now; taken before asking for the prompt, so text and version agree. */
export interface SelectionSnapshot {
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
  readonly text: string;
  readonly version: number;
}

export function snapshotSelection(editor: vscode.TextEditor): SelectionSnapshot {
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  return { document: editor.document, range, text: editor.document.getText(range), version: editor.document.version };
}

export function selectionTask(instruction: string, snap: SelectionSnapshot): { readonly prompt: string; readonly source: SelectionSource } {
  const { prompt, span } = promptWithSource(instruction, snap.text, snap.document.languageId);
  return { prompt, source: selectionSource(snap, span) };
}

export function fileTask(instruction: string, uri: vscode.Uri, text: string, languageId: string): { readonly prompt: string; readonly source: FileSource } {
  const { prompt, span } = promptWithSource(`${instruction}\n\nFile: ${sourcePath(uri)}`, text, languageId);
  return { prompt, source: fileSource(uri, text, languageId, span) };
}

/**
 * The source of a prompt built another way (a prompt file places the text where its template
 * says). Only when the text occurs exactly once: with two copies, which one an answer stands for
 * is not known, and the task then has no source rather than a wrong one.
 */
export function sourceInPrompt(prompt: string, on: { readonly snap: SelectionSnapshot } | { readonly uri: vscode.Uri; readonly text: string; readonly languageId: string }): TaskSource | undefined {
  const text = 'snap' in on ? on.snap.text : on.text;
  const start = text ? prompt.indexOf(text) : -1;
  if (start < 0 || prompt.indexOf(text, start + 1) >= 0) return undefined;
  const span = { start, length: text.length };
  return 'snap' in on ? selectionSource(on.snap, span) : fileSource(on.uri, on.text, on.languageId, span);
}

function selectionSource(snap: SelectionSnapshot, span: PromptSpan): SelectionSource {
  return {
    kind: 'selection',
    uri: snap.document.uri.toString(),
    path: sourcePath(snap.document.uri),
    languageId: snap.document.languageId,
    contentHash: contentHash(snap.text),
    promptSpan: span,
    range: { startLine: snap.range.start.line, startCharacter: snap.range.start.character, endLine: snap.range.end.line, endCharacter: snap.range.end.character },
    documentVersion: snap.version,
  };
}

function fileSource(uri: vscode.Uri, text: string, languageId: string, span: PromptSpan): FileSource {
  return { kind: 'file', uri: uri.toString(), path: sourcePath(uri), languageId, contentHash: contentHash(text), promptSpan: span };
}

/** Folders that are never what a person means by "the files in this folder". */
const SKIPPED_DIRS = /(^|\/)(node_modules|\.git|\.hg|\.svn)(\/|$)/;

/** Files under the given folders (files.exclude applies), plus the files given; sorted, no duplicates. */
export async function expandFolders(uris: readonly vscode.Uri[], limit: number): Promise<vscode.Uri[]> {
  const out = new Map<string, vscode.Uri>();
  for (const uri of uris) {
    let isFolder = false;
    try {
      isFolder = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
    } catch {
      // Unreadable: keep it, so the batch reports it as skipped with the reason.
    }
    if (!isFolder) {
      out.set(uri.toString(), uri);
      continue;
    }
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), undefined, limit + 1);
    for (const file of found) if (!SKIPPED_DIRS.test(file.path)) out.set(file.toString(), file);
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}
