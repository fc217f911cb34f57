// The prompt file commands: run a prompt file (from the palette, the editor title of a prompt
// file, or the Explorer), run one on the selection, and run one over many files as a batch, where
// ${file} and ${fileContent} differ per task, and compare models on a prompt file (one task per
// model, read side by side with each model's score in the results view). The file and every variable are checked before
// anything is queued (see promptFileLaunch.ts).
import * as vscode from 'vscode';
import { CommandId } from '../../shared/ids';
import { readFileForPrompt } from './fileContents';
import { snapshotSelection, sourceInPrompt } from '../../host/results/taskSources';
import { launchPromptFile, type PlannedTarget, type PromptFileLaunchServices } from './promptFileLaunch';
import { isPromptFile, loadPromptFile, pickPromptFile } from './promptFileSource';
import { pickModels, type ModelChoice } from '../pickers/modelPicker';

/** Files read at once for a batch. */
const PARALLEL_READS = 16;

function workspaceFolderOf(uri: vscode.Uri | undefined): string | undefined {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath;
}

/** What the active editor gives the variables: its file, its text and its selection. */
function editorTarget(editor: vscode.TextEditor | undefined, promptUri: vscode.Uri): PlannedTarget {
  const folder = workspaceFolderOf(editor?.document.uri ?? promptUri);
  if (!editor || editor.document.uri.toString() === promptUri.toString()) return { context: { ...(folder !== undefined && { workspaceFolder: folder }) } };
  const doc = editor.document;
  const selection = editor.selection.isEmpty ? undefined : doc.getText(editor.selection);
  return {
    context: {
      file: { path: doc.uri.fsPath, content: { text: doc.getText() } },
      ...(selection !== undefined && { selection }),
      ...(folder !== undefined && { workspaceFolder: folder }),
    },
  };
}

/** Explorer passes (clicked, allSelected); the palette passes nothing. */
function urisFromArgs(clicked: unknown, selected: unknown): vscode.Uri[] {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri)) return selected;
  return clicked instanceof vscode.Uri ? [clicked] : [];
}

async function fileTargets(uris: readonly vscode.Uri[]): Promise<PlannedTarget[]> {
  const targets: PlannedTarget[] = [];
  for (let i = 0; i < uris.length; i += PARALLEL_READS) {
    const reads = await Promise.all(uris.slice(i, i + PARALLEL_READS).map((uri) => readFileForPrompt(uri)));
    for (const read of reads) {
      const label = vscode.workspace.asRelativePath(read.uri);
      const folder = workspaceFolderOf(read.uri);
      const content = 'skipped' in read ? { error: read.skipped } : { text: read.text };
      targets.push({
        label,
        context: { file: { path: read.uri.fsPath, content }, ...(folder !== undefined && { workspaceFolder: folder }) },
        // A file that cannot be read is attached as nothing; a prompt that uses ${fileContent} names it.
        ...('text' in read && {
          target: { kind: 'file' as const, label, text: read.text, languageId: read.languageId },
          sourceFor: (prompt: string) => sourceInPrompt(prompt, { uri: read.uri, text: read.text, languageId: read.languageId }),
        }),
      });
    }
  }
  return targets;
}

export function registerPromptFileCommands(s: PromptFileLaunchServices): vscode.Disposable[] {
  const load = (uri: vscode.Uri): ReturnType<typeof loadPromptFile> => loadPromptFile(uri, s.diagnostics);

  /** The prompt file clicked, else the one in the active editor, else one picked. */
  const promptFileFor = async (clicked: unknown, title: string): Promise<vscode.Uri | undefined> => {
    const active = vscode.window.activeTextEditor;
    return clicked instanceof vscode.Uri && isPromptFile(clicked) ? clicked : isPromptFile(active?.document.uri) ? active!.document.uri : pickPromptFile(title);
  };
  /** The editor beside the prompt file (the active one, or the last visible one that is not it) gives ${file} and ${selection}. */
  const besideTarget = (uri: vscode.Uri): PlannedTarget => {
    const active = vscode.window.activeTextEditor;
    const other = active && active.document.uri.toString() !== uri.toString() ? active : vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() !== uri.toString() && e.document.uri.scheme === 'file');
    return editorTarget(other, uri);
  };

  return [
    // Each command returns the ids it queued (for tests and other extensions); the palette ignores them.
    vscode.commands.registerCommand(CommandId.runPromptFile, async (clicked?: unknown): Promise<string[]> => {
      const uri = await promptFileFor(clicked, vscode.l10n.t('AI Tasks: Run Prompt File'));
      const loaded = uri && (await load(uri));
      return uri && loaded ? launchPromptFile(s, loaded, [besideTarget(uri)]) : [];
    }),
    /** `models` (not passed by menus) skips the model picker. */
    vscode.commands.registerCommand(CommandId.comparePromptFile, async (clicked?: unknown, models?: unknown): Promise<string[]> => {
      const uri = await promptFileFor(clicked, vscode.l10n.t('AI Tasks: Compare Models on Prompt File'));
      const loaded = uri && (await load(uri));
      if (!uri || !loaded) return [];
      const given = Array.isArray(models) && models.length > 0 && models.every((m): m is ModelChoice => typeof m?.providerId === 'string' && typeof m?.model === 'string') ? models : undefined;
      const picked = given ?? (await pickModels(s.catalog, vscode.l10n.t('AI Tasks: Compare Models on {0} — pick two or more', loaded.displayName)));
      if (!picked || picked.length === 0) return [];
      return launchPromptFile(s, loaded, [besideTarget(uri)], picked);
    }),
    /** `promptFile` (not passed by menus) skips the picker. */
    vscode.commands.registerCommand(CommandId.runPromptFileOnSelection, async (promptFile?: unknown): Promise<string[]> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty || !editor.document.getText(editor.selection).trim()) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: select some text first.'));
        return [];
      }
      const uri = promptFile instanceof vscode.Uri ? promptFile : await pickPromptFile(vscode.l10n.t('AI Tasks: Run Prompt File on Selection'));
      if (!uri) return [];
      const loaded = await load(uri);
      if (!loaded) return [];
      const base = editorTarget(editor, uri);
      const label = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.start.line + 1}`;
      // Taken before the inputs are asked: the selection and document may change meanwhile.
      const snap = snapshotSelection(editor);
      return launchPromptFile(s, loaded, [{ ...base, label, target: { kind: 'selection', label, text: snap.text, languageId: editor.document.languageId }, sourceFor: (prompt) => sourceInPrompt(prompt, { snap }) }]);
    }),
    /** The Explorer passes (clicked, selected); `promptFile` (not passed by menus) skips the picker. */
    vscode.commands.registerCommand(CommandId.runPromptFileOnFiles, async (clicked?: unknown, selected?: unknown, promptFile?: unknown): Promise<string[]> => {
      let uris: vscode.Uri[] = urisFromArgs(clicked, selected).filter((u) => !isPromptFile(u));
      if (uris.length === 0) uris = (await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: vscode.l10n.t('Run a Prompt File on These Files') })) ?? [];
      if (uris.length === 0) return [];
      const uri = promptFile instanceof vscode.Uri ? promptFile : await pickPromptFile(uris.length === 1 ? vscode.l10n.t('AI Tasks: Run Prompt File on 1 File') : vscode.l10n.t('AI Tasks: Run Prompt File on {0} Files', uris.length));
      if (!uri) return [];
      const loaded = await load(uri);
      if (!loaded) return [];
      const targets = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AI Tasks: reading {0} file(s)', uris.length) }, () => fileTargets(uris));
      return launchPromptFile(s, loaded, targets);
    }),
  ];
}
