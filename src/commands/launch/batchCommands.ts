// Launching many tasks at once: one prompt on a file, on many files (a batch), or on several
// models side by side. Tasks launched together share a batchId. The files are read first, so the
// prompt box can show what the whole batch will take, and the batch is confirmed with its token
// count and cost range before any task is queued, where it can also be sent as a provider batch.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import type { CostEstimator, PlannedRun } from '../../host/cost/costEstimator';
import { confirmBatchRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { launchRuns, type RunLaunchServices } from '../../host/batches/launchRuns';
import type { ModelChoice } from '../pickers/modelPicker';
import { estimateLine } from './launchEstimate';
import { CommandId } from '../../shared/ids';
import { readFileForPrompt } from './fileContents';
import { askForPrompt } from '../pickers/promptInput';
import { selectionPromptSegments, titleFromPrompt } from '../../core/launch/promptText';
import { pickModels } from '../pickers/modelPicker';
import { expandFolders, fileTask } from '../../host/results/taskSources';

export interface BatchCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
  readonly estimator: CostEstimator;
  readonly confirmation: RunConfirmationServices;
  /** Queues confirmed runs here or as provider batches. */
  readonly launch: RunLaunchServices;
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
    // Every file is read before any task is queued, so the batch appears at once (a "Cancel All"
    // during the reads cannot miss tasks queued after it) and its cost is known before asking.
    const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AI Tasks: reading {0} file(s)', uris.length) }, () => readAll(uris));
    const skipped: string[] = [];
    const readable: { uri: vscode.Uri; name: string; text: string; languageId: string }[] = [];
    for (const [i, uri] of uris.entries()) {
      const file = files[i]!;
      const name = vscode.workspace.asRelativePath(uri);
      if ('skipped' in file) skipped.push(`${name} ${file.skipped}`);
      else readable.push({ uri, name, text: file.text, languageId: file.languageId });
    }
    if (skipped.length) void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: skipped {0} file(s): {1}', skipped.length, skipped.join('; ')));
    if (readable.length === 0) return;
    // Each file's prompt remembers where the file's text sits in it (its source), so the answer can be applied there.
    const plan = (instruction: string, choice: ModelChoice): PlannedRun[] =>
      readable.map((f) => {
        const { prompt, source } = fileTask(instruction, f.uri, f.text, f.languageId);
        const segments = selectionPromptSegments(`${instruction}\n\nFile: ${source.path}`, f.text, f.languageId);
        return { providerId: choice.providerId, model: choice.model, prompt, segments: segments.join('') === prompt ? segments : [prompt] };
      });
    const answer = await askForPrompt({
      title,
      prompt: readable.length === 1 ? vscode.l10n.t('What should the model do with the file?') : vscode.l10n.t('What should the model do with each of the {0} files?', readable.length),
      value: vscode.l10n.t('Review this file and list concrete problems'),
      priority: s.settings().defaultPriority,
      defaultTimeoutMs: s.settings().timeoutMs,
      providers: s.providers,
      catalog: s.catalog,
      estimate: (text, choice) => estimateLine(s.estimator, plan(text, choice)),
    });
    if (!answer) return;
    const planned = plan(answer.text, answer.choice);
    // The confirmation may drop prompts too large for the model: each kept prompt finds its file.
    const fileOf = new Map(planned.map((run, i) => [run.prompt, readable[i]!]));
    const confirmed = await confirmBatchRuns(s.confirmation, planned, { batch: readable.length > 1, what: vscode.l10n.t('{0} files', readable.length) });
    if (!confirmed) return;
    const batchId = readable.length > 1 ? randomUUID() : undefined;
    const inputs = confirmed.runs.map((run) => {
      const file = fileOf.get(run.prompt)!;
      const { source } = fileTask(answer.text, file.uri, file.text, file.languageId);
      return {
        title: `${titleFromPrompt(answer.text)} — ${file.name}`,
        prompt: run.prompt,
        providerId: run.providerId,
        model: run.model,
        priority: answer.priority,
        ...(answer.timeoutMs !== undefined && { timeoutMs: answer.timeoutMs }),
        instruction: answer.text,
        source,
        ...(batchId && { batchId, batchKind: 'files' as const }),
      };
    });
    const first = (await launchRuns(s.launch, inputs, confirmed.mode, vscode.l10n.t('{0} — {1} files', titleFromPrompt(answer.text), inputs.length)))[0];
    if (first && s.panel.shownTaskId === undefined) s.panel.show(first);
  };

  return [
    vscode.commands.registerCommand(CommandId.runOnFile, async (clicked?: unknown) => {
      const uri = clicked instanceof vscode.Uri ? clicked : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: open a file, or right-click one in the Explorer.'));
        return;
      }
      await runOnFiles([uri], vscode.l10n.t('AI Tasks: Run Prompt on File'));
    }),
    vscode.commands.registerCommand(CommandId.runOnFiles, async (clicked?: unknown, selected?: unknown) => {
      let uris = urisFromArgs(clicked, selected);
      if (uris.length === 0) {
        uris = (await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: true, openLabel: vscode.l10n.t('Run Prompt on These Files') })) ?? [];
      }
      // A folder stands for the files in it (files.exclude applies; node_modules and .git never).
      uris = await expandFolders(uris, MAX_FILES);
      if (uris.length > CONFIRM_FILES_ABOVE) {
        const run = vscode.l10n.t('Run on {0} Files', uris.length);
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Run the prompt on {0} files?', uris.length), { modal: true, detail: vscode.l10n.t('Each file becomes one task in one batch.') }, run);
        if (choice !== run) return;
      }
      if (uris.length > 0) await runOnFiles(uris, uris.length === 1 ? vscode.l10n.t('AI Tasks: Run Prompt on File') : vscode.l10n.t('AI Tasks: Run Prompt on {0} Files', uris.length));
    }),
    vscode.commands.registerCommand(CommandId.compareModels, async () => {
      const models = await pickModels(s.catalog, vscode.l10n.t('AI Tasks: Compare Models — pick two or more'));
      if (!models || models.length === 0) return;
      const plan = (text: string): PlannedRun[] => models.map((m) => ({ providerId: m.providerId, model: m.model, prompt: text }));
      const answer = await askForPrompt({
        title: vscode.l10n.t('AI Tasks: Compare {0} Models', models.length),
        prompt: vscode.l10n.t('The same prompt goes to every picked model.'),
        priority: s.settings().defaultPriority,
        defaultTimeoutMs: s.settings().timeoutMs,
        chooseModel: false,
        providers: s.providers,
        catalog: s.catalog,
        estimate: (text) => estimateLine(s.estimator, plan(text)),
      });
      if (!answer) return;
      const confirmed = await confirmBatchRuns(s.confirmation, plan(answer.text), { batch: models.length > 1, what: vscode.l10n.t('{0} models', models.length) });
      if (!confirmed) return;
      const batchId = randomUUID();
      const inputs = confirmed.runs.map((m) => ({ title: `${titleFromPrompt(answer.text)} — ${m.model}`, prompt: answer.text, providerId: m.providerId, model: m.model, priority: answer.priority, batchId, batchKind: 'models' as const, instruction: answer.text, ...(answer.timeoutMs !== undefined && { timeoutMs: answer.timeoutMs }) }));
      await launchRuns(s.launch, inputs, confirmed.mode, vscode.l10n.t('{0} — {1} models', titleFromPrompt(answer.text), inputs.length));
      s.showResults(batchId);
    }),
  ];
}
