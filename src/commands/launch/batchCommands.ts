// Launching many tasks at once: one prompt on a file, on many files (a batch), or on several
// models side by side. Tasks launched together share a batchId.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { CommandId } from '../../shared/ids';
import { readFileForPrompt } from './fileContents';
import { askForPrompt } from '../pickers/promptInput';
import { titleFromPrompt } from '../../core/launch/promptText';
import { pickModels } from '../pickers/modelPicker';
import { expandFolders, fileTask } from '../../host/results/taskSources';

export interface BatchCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
  /** Opens the results view of a batch (a comparison is shown side by side as it runs). */
  readonly showResults: (batchId: string) => void;
}

/** Files read at once when a batch starts; enough to overlap the editor's slow opens, not to flood it. */
const PARALLEL_READS = 16;

async function readAll(uris: readonly vscode.Uri[]): Promise<Awaited<ReturnType<typeof readFileForPrompt>>[]> {
  const results: Awaited<ReturnType<typeof readFileForPrompt>>[] = [];
  for (let i = 0; i < uris.length; i += PARALLEL_READS) {
    results.push(...(await Promise.all(uris.slice(i, i + PARALLEL_READS).map((uri) => readFileForPrompt(uri)))));
  }
  return results;
}

/** A folder with more files than this asks before queueing them all. */
const CONFIRM_FILES_ABOVE = 200;
const MAX_FILES = 5_000;

/** Explorer passes (clicked, allSelected); the palette passes nothing. */
function urisFromArgs(clicked: unknown, selected: unknown): vscode.Uri[] {
  if (Array.isArray(selected) && selected.every((u) => u instanceof vscode.Uri) && selected.length > 0) return selected;
  if (clicked instanceof vscode.Uri) return [clicked];
  return [];
}

export function registerBatchCommands(s: BatchCommandServices): vscode.Disposable[] {
  const runOnFiles = async (uris: vscode.Uri[], title: string): Promise<void> => {
    const answer = await askForPrompt({ title, prompt: `What should the model do with ${uris.length === 1 ? 'the file' : `each of the ${uris.length} files`}?`, value: 'Review this file and list concrete problems', priority: s.settings().defaultPriority, providers: s.providers, catalog: s.catalog });
    if (!answer) return;
    const batchId = uris.length > 1 ? randomUUID() : undefined;
    const instruction = answer.text;
    const skipped: string[] = [];
    let first: string | undefined;
    // Every file is read before any task is queued, so the batch appears at once: queued one by one
    // as each read finished, a "Cancel All" during the reads missed the tasks queued after it.
    const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `AI Tasks: reading ${uris.length} file(s)` }, () => readAll(uris));
    for (const [i, uri] of uris.entries()) {
      const file = files[i]!;
      const name = vscode.workspace.asRelativePath(uri);
      if ('skipped' in file) {
        skipped.push(`${name} ${file.skipped}`);
        continue;
      }
      const { prompt, source } = fileTask(instruction, uri, file.text, file.languageId);
      const task = s.engine.submit({
        title: `${titleFromPrompt(instruction)} — ${name}`,
        prompt,
        providerId: answer.choice.providerId,
        model: answer.choice.model,
        priority: answer.priority,
        instruction,
        source,
        ...(batchId && { batchId, batchKind: 'files' as const }),
      });
      first ??= task.id;
    }
    if (first && s.panel.shownTaskId === undefined) s.panel.show(first);
    if (skipped.length) void vscode.window.showWarningMessage(`AI Task Queue: skipped ${skipped.length} file(s): ${skipped.join('; ')}`);
  };

  return [
    vscode.commands.registerCommand(CommandId.runOnFile, async (clicked?: unknown) => {
      const uri = clicked instanceof vscode.Uri ? clicked : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage('AI Task Queue: open a file, or right-click one in the Explorer.');
        return;
      }
      await runOnFiles([uri], 'AI Tasks: Run Prompt on File');
    }),
    vscode.commands.registerCommand(CommandId.runOnFiles, async (clicked?: unknown, selected?: unknown) => {
      let uris = urisFromArgs(clicked, selected);
      if (uris.length === 0) {
        uris = (await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: true, openLabel: 'Run Prompt on These Files' })) ?? [];
      }
      // A folder stands for the files in it (files.exclude applies; node_modules and .git never).
      uris = await expandFolders(uris, MAX_FILES);
      if (uris.length > CONFIRM_FILES_ABOVE) {
        const run = `Run on ${uris.length} Files`;
        const choice = await vscode.window.showWarningMessage(`Run the prompt on ${uris.length} files?`, { modal: true, detail: 'Each file becomes one task in one batch.' }, run);
        if (choice !== run) return;
      }
      if (uris.length > 0) await runOnFiles(uris, uris.length === 1 ? 'AI Tasks: Run Prompt on File' : `AI Tasks: Run Prompt on ${uris.length} Files`);
    }),
    vscode.commands.registerCommand(CommandId.compareModels, async () => {
      const models = await pickModels(s.catalog, 'AI Tasks: Compare Models — pick two or more');
      if (!models || models.length === 0) return;
      const answer = await askForPrompt({ title: `AI Tasks: Compare ${models.length} Models`, prompt: 'The same prompt goes to every picked model.', priority: s.settings().defaultPriority, providers: s.providers, catalog: s.catalog });
      if (!answer) return;
      const batchId = randomUUID();
      for (const m of models) {
        s.engine.submit({ title: `${titleFromPrompt(answer.text)} — ${m.model}`, prompt: answer.text, providerId: m.providerId, model: m.model, priority: answer.priority, batchId, batchKind: 'models', instruction: answer.text });
      }
      s.showResults(batchId);
    }),
  ];
}
