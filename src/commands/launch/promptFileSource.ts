// Reads a prompt file from the workspace and parses it. Problems go to the Problems panel as
// diagnostics on their lines (cleared once the file parses) and into an error message with an
// "Open" button, so a malformed file is fixed where it is, before anything is queued.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { PromptFileRef } from '../../core/domain/quality';
import type { PromptFile } from '../../core/promptFiles/promptFileModel';
import { PromptFileError, type PromptFileProblem } from '../../core/promptFiles/promptFileProblem';
import { phraseText } from '../../views/format/phraseText';

export const PROMPT_FILE_SUFFIX = '.prompt.md';

export interface LoadedPromptFile {
  readonly uri: vscode.Uri;
  /** Workspace-relative path, as shown. */
  readonly path: string;
  readonly file: PromptFile;
  readonly ref: PromptFileRef;
  /** The file's `name`, or its file name without ".prompt.md". */
  readonly displayName: string;
}

export class PromptFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiTaskQueue.promptFiles');

  set(uri: vscode.Uri, problems: readonly PromptFileProblem[], severity = vscode.DiagnosticSeverity.Error): void {
    this.collection.set(
      uri,
      problems.map((p) => {
        const line = Math.max(0, p.line - 1);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), phraseText(p.message), severity);
        diagnostic.source = vscode.l10n.t('AI Task Queue');
        return diagnostic;
      }),
    );
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** Reads and parses `uri` (unsaved edits included); undefined after telling the user what is wrong. */
export async function loadPromptFile(uri: vscode.Uri, diagnostics: PromptFileDiagnostics): Promise<LoadedPromptFile | undefined> {
  const path = vscode.workspace.asRelativePath(uri);
  let source: string;
  try {
    source = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('AI Task Queue: {0} could not be read ({1}).', path, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  try {
    // Loaded on first use: the YAML library costs activation time that most sessions never need.
    const { parsePromptFile } = await import('../../core/promptFiles/promptFileParser');
    const file = parsePromptFile(source, path);
    if (file.warnings.length > 0) diagnostics.set(uri, file.warnings, vscode.DiagnosticSeverity.Warning);
    else diagnostics.clear(uri);
    const version = createHash('sha256').update(source).digest('hex').slice(0, 12);
    const base = uri.path.split('/').pop() ?? path;
    return { uri, path, file, ref: { path, version }, displayName: file.name ?? base.replace(/\.prompt\.md$/i, '') };
  } catch (error) {
    if (!(error instanceof PromptFileError)) throw error;
    diagnostics.set(uri, error.problems);
    reportProblems(uri, path, error.problems, vscode.l10n.t('cannot run'));
    return undefined;
  }
}

/**
 * "review.prompt.md cannot run — line 4: priority: expected …" with a button to the first line. Not
 * awaited: the command ends at once (nothing was queued); the button works whenever it is pressed.
 */
export function reportProblems(uri: vscode.Uri, path: string, problems: readonly PromptFileProblem[], what: string): void {
  const first = problems[0];
  if (!first) return;
  const more = problems.length === 2 ? vscode.l10n.t(' (and 1 more problem, listed in Problems)') : problems.length > 2 ? vscode.l10n.t(' (and {0} more problems, listed in Problems)', problems.length - 1) : '';
  const open = vscode.l10n.t('Open Prompt File');
  void vscode.window.showErrorMessage(vscode.l10n.t('AI Task Queue: {0} {1} — line {2}: {3}{4}', path, what, first.line, phraseText(first.message), more), open).then((choice) => {
    if (choice !== open) return;
    const line = Math.max(0, first.line - 1);
    void vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
  });
}

/** Lets the user pick one of the workspace's prompt files (the active one first, if it is one). */
export async function pickPromptFile(title: string): Promise<vscode.Uri | undefined> {
  const uris = await vscode.workspace.findFiles(`**/*${PROMPT_FILE_SUFFIX}`, '**/node_modules/**', 500);
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: this workspace has no *.prompt.md files. A prompt file is Markdown with optional YAML front matter, e.g. .github/prompts/review.prompt.md (see the README, "Prompt files and workflows").'));
    return undefined;
  }
  const items = (await Promise.all(uris.map(async (uri) => {
    const rel = vscode.workspace.asRelativePath(uri);
    const name = rel.split('/').pop()!.replace(/\.prompt\.md$/i, '');
    const description = uris.length <= DESCRIBED_FILES ? await frontMatterDescription(uri) : undefined;
    return { label: name, description: rel, ...(description && { detail: description }), uri };
  }))).sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Pick a prompt file (*.prompt.md)'), matchOnDescription: true, matchOnDetail: true });
  return picked?.uri;
}

/** Up to this many prompt files show their `description` in the picker (each is read in part). */
const DESCRIBED_FILES = 200;

/** The front matter's `description:` line, read from the file's start without parsing YAML (a hint only). */
async function frontMatterDescription(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const head = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, 4096));
    const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(head)?.[1];
    const value = front && /^description:\s*(.+)$/m.exec(front)?.[1]?.trim();
    return value ? value.replace(/^(['"])(.*)\1$/, '$2') : undefined;
  } catch {
    return undefined;
  }
}

export function isPromptFile(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return uri !== undefined && uri.path.toLowerCase().endsWith(PROMPT_FILE_SUFFIX);
}
