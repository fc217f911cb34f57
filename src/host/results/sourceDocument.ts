// Opens a task's source document and recovers the text it had at launch.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import { sourceTextFromPrompt, type TaskSource } from '../../core/domain/taskSource';
import { contentHash } from '../../core/results/contentHash';

export type OpenedSource = { readonly document: vscode.TextDocument } | { readonly problem: string };

/** The source's document (opened, not shown), or why it cannot be opened. */
export async function openSource(source: TaskSource): Promise<OpenedSource> {
  const uri = vscode.Uri.parse(source.uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri);
  if (open) return { document: open };
  if (uri.scheme === 'untitled') return { problem: vscode.l10n.t('{0} was an unsaved document and has been closed', source.path) };
  try {
    return { document: await vscode.workspace.openTextDocument(uri) };
  } catch (error) {
    return { problem: vscode.l10n.t('{0} could not be opened ({1})', source.path, error instanceof Error ? error.message : String(error)) };
  }
}

/** The source text as sent (the selection, or the whole file), when the prompt still proves it. */
export function textAtLaunch(task: Task): string | undefined {
  return task.source && sourceTextFromPrompt(task.prompt, task.source, contentHash);
}
