// Runs a prompt file: on what (nothing, the selection, or each of many files), with which inputs,
// on which model. Everything is checked before anything is queued: the file parses, every variable
// has a value for every task (a dry run before the input boxes open, so nobody types answers for a
// run that cannot start), and the whole run (every task, every workflow step) goes through the same
// estimate and confirmation as other launches. A run of many tasks without steps may be sent as a
// provider batch, as any other batch; a workflow always runs here.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskInput } from '../../core/domain/taskModel';
import type { TaskSource } from '../../core/domain/taskSource';
import type { WorkflowStep } from '../../core/domain/workflowStep';
import { expandPromptFile, type ExpandedRun, type RunTarget } from '../../core/promptFiles/expandPromptFile';
import { PromptFileError, type PromptFileProblem } from '../../core/promptFiles/promptFileProblem';
import { phraseId } from '../../core/domain/phrase';
import { promptInputs, type PromptContext } from '../../core/promptFiles/promptVariables';
import type { PlannedRun } from '../../host/cost/costEstimator';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { confirmBatchRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { launchRuns, type RunLaunchServices } from '../../host/batches/launchRuns';
import type { ModelChoice } from '../pickers/modelPicker';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import { reportProblems, type LoadedPromptFile, type PromptFileDiagnostics } from './promptFileSource';

export interface PromptFileLaunchServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly confirmation: RunConfirmationServices;
  readonly diagnostics: PromptFileDiagnostics;
  readonly catalog: ModelCatalog;
  /** Opens the results view of a batch (a comparison is shown side by side as it runs). */
  readonly showResults: (batchId: string) => void;
  /** Queues confirmed runs here or as provider batches. */
  readonly launch: RunLaunchServices;
}

/** One task of the run: what its variables stand for, and what it is on. */
export interface PlannedTarget {
  /** "src/app.ts", "src/app.ts:12": for the task's title. */
  readonly label?: string;
  readonly context: Omit<PromptContext, 'inputs'>;
  readonly target?: RunTarget;
  /** Where the target's text sits in the task's prompt, so its answer can be applied there (results). */
  readonly sourceFor?: (prompt: string) => TaskSource | undefined;
}

type TaggedRun = PlannedRun & { readonly task: number };

/** One task to queue: a run of the prompt file on a target, on a model. */
interface Job {
  readonly run: ExpandedRun;
  readonly target: PlannedTarget;
  readonly choice: ModelChoice;
}

/**
 * Returns the ids of the queued tasks (empty when nothing was queued). With `models`, the prompt
 * file runs on the one target once per model, as a comparison (the front matter's model is not
 * used); otherwise once per target on the front matter's model, as a batch when there are several.
 */
export async function launchPromptFile(s: PromptFileLaunchServices, loaded: LoadedPromptFile, targets: readonly PlannedTarget[], models?: readonly ModelChoice[]): Promise<string[]> {
  const { file } = loaded;
  // Restricted Mode: a file from a folder not trusted does not choose where the prompt goes or how
  // long an answer may be (what it costs); the user's own default and output cap apply.
  const steers = !vscode.workspace.isTrusted && (file.provider !== undefined || file.model !== undefined || file.maxOutputTokens !== undefined);
  const maxOutputTokens = vscode.workspace.isTrusted ? file.maxOutputTokens : undefined;
  const choice = models ? undefined : resolveModel(loaded, s.providers, vscode.workspace.isTrusted);
  if (steers && choice && !('error' in choice)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: this folder is not trusted (Restricted Mode), so {0} does not choose the provider, model or output cap: it runs on {1}. Trust the folder to use its front matter.', loaded.path, choice.model));
  }
  if (choice && 'error' in choice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('AI Task Queue: {0} cannot run — {1}', loaded.path, choice.error));
    return [];
  }
  // A dry run with every input answered: what is missing besides inputs is found before asking.
  const asked = promptInputs(file);
  const dummy = Object.fromEntries(asked.map((i) => [i.name, '']));
  if (!(await expandAll(loaded, targets, dummy))) return [];
  const inputs: Record<string, string> = {};
  for (const [i, input] of asked.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${loaded.displayName} (${i + 1}/${asked.length}): ${input.name}${targets.length > 1 ? vscode.l10n.t(' — for all {0} files', targets.length) : ''}`,
      // VS Code shows `argument-hint` where the user types the prompt's argument; here that is the first box.
      // The ${input:name} reference is passed in whole: braces in a message would read as a placeholder.
      prompt: vscode.l10n.t('Value for {0}{1}', `\${input:${input.name}}`, i === 0 && file.argumentHint ? ` — ${file.argumentHint}` : ''),
      ...(input.placeholder !== undefined && { placeHolder: input.placeholder }),
      ignoreFocusOut: true,
    });
    if (value === undefined) return [];
    inputs[input.name] = value;
  }
  const runs = await expandAll(loaded, targets, inputs);
  if (!runs) return [];
  const jobs: Job[] = models ? models.map((m) => ({ run: runs[0]!, target: targets[0]!, choice: m })) : runs.map((run, i) => ({ run, target: targets[i]!, choice: choice! }));
  const planned: TaggedRun[] = jobs.flatMap((job, task) => plannedRuns(job.run, job.choice, task));
  const steps = file.steps.length;
  const many = models ? vscode.l10n.t('{0} models', models.length) : vscode.l10n.t('{0} files', targets.length);
  const what = jobs.length > 1 ? `${many}${steps > 0 ? vscode.l10n.t(' × {0} steps', steps) : ''}` : steps > 0 ? vscode.l10n.t('a workflow of {0} steps', steps) : undefined;
  // A workflow's steps need each other's outputs: never offered as a provider batch.
  const answer = await confirmBatchRuns(s.confirmation, planned, { batch: planned.length > 1, offerProviderBatch: steps === 0, ...(what && { what }) });
  if (!answer) return [];
  const confirmed = answer.runs;
  const batchId = jobs.length > 1 ? randomUUID() : undefined;
  const queued: TaskInput[] = [];
  let dropped = 0;
  jobs.forEach(({ run, target }, task) => {
    const kept = confirmed.filter((r) => r.task === task);
    // A workflow runs whole or not at all: one of its steps refused as too large drops it.
    if (kept.length !== planned.filter((r) => r.task === task).length) {
      dropped += 1;
      return;
    }
    const source = target.sourceFor?.(run.prompt);
    const label = models ? kept[0]!.model : target.label;
    const input: TaskInput = {
      title: `${loaded.displayName}${label ? ` — ${label}` : ''}`,
      prompt: run.prompt,
      providerId: kept[0]!.providerId,
      model: kept[0]!.model,
      priority: file.priority ?? s.settings().defaultPriority,
      promptFile: loaded.ref,
      // What the batch header and the results view show as the prompt: the prompt file, not one file's expansion.
      instruction: loaded.file.description ? `${loaded.displayName}: ${loaded.file.description}` : loaded.displayName,
      ...(source && { source }),
      ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }),
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
      ...(file.checks.length > 0 && { checks: file.checks }),
      ...(run.steps && { steps: run.steps.map((st): WorkflowStep => ({ name: st.name, parts: st.parts, status: 'pending', output: '', attempts: 0 })) }),
      ...(batchId && { batchId, batchKind: models ? ('models' as const) : ('files' as const) }),
    };
    queued.push(input);
  });
  const ids = await launchRuns(s.launch, queued, answer.mode, `${loaded.displayName} — ${many}`);
  if (dropped > 0) void vscode.window.showWarningMessage(vscode.l10n.t("AI Task Queue: {0} workflow(s) were not queued: a step's prompt is larger than the model accepts.", dropped));
  // A comparison is read side by side as it runs; anything else in the output panel.
  if (batchId && models && ids.length > 0) s.showResults(batchId);
  else if (ids[0] && (s.panel.shownTaskId === undefined || steps > 0)) s.panel.show(ids[0]);
  return ids;
}

/** Every task's prompt; undefined after reporting what is missing (a file that cannot be read skips only its task). */
async function expandAll(loaded: LoadedPromptFile, targets: readonly PlannedTarget[], inputs: Record<string, string>): Promise<ExpandedRun[] | undefined> {
  const runs: ExpandedRun[] = [];
  const problems: PromptFileProblem[] = [];
  for (const target of targets) {
    try {
      runs.push(expandPromptFile(loaded.file, { ...target.context, inputs }, loaded.path, target.target));
    } catch (error) {
      if (!(error instanceof PromptFileError)) throw error;
      for (const p of error.problems) if (!problems.some((q) => q.line === p.line && phraseId(q.message) === phraseId(p.message))) problems.push(p);
    }
  }
  if (problems.length === 0) return runs;
  reportProblems(loaded.uri, loaded.path, problems, targets.length > 1 ? vscode.l10n.t('cannot run on {0} of the {1} files', targets.length - runs.length, targets.length) : vscode.l10n.t('cannot run here'));
  return undefined;
}

/** One planned run per request the task will make: a workflow's steps are estimated with what is known of their prompts. */
function plannedRuns(run: ExpandedRun, choice: ModelChoice, task: number): TaggedRun[] {
  const base = { providerId: choice.providerId, model: choice.model, task, ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }) };
  if (!run.steps) return [{ ...base, prompt: run.prompt, segments: run.segments }];
  // Earlier steps' outputs are not known yet; the output cap of each step covers them in the high end.
  return run.steps.map((step) => {
    const segments = step.parts.flatMap((p) => ('text' in p ? [p.text] : []));
    return { ...base, prompt: segments.join(''), segments };
  });
}

/** The front matter's provider and model (only in a trusted folder), else the default provider and its model. */
function resolveModel(loaded: LoadedPromptFile, providers: ProviderRegistry, trusted: boolean): { providerId: string; model: string } | { error: string } {
  const file = trusted ? loaded.file : { provider: undefined, model: undefined };
  const fallback = providers.defaultSelection();
  const providerId = file.provider ?? fallback.providerId;
  const entry = providers.entry(providerId);
  if (!entry) {
    const known = providers.all().map((e) => e.id).join(', ');
    return { error: vscode.l10n.t('provider "{0}" is not enabled{1}. Change "provider:" in the front matter, or enable it in the settings.', providerId, known ? vscode.l10n.t(' (enabled: {0})', known) : '') };
  }
  const model = file.model ?? (providerId === fallback.providerId ? fallback.model : entry.defaultModel) ?? '';
  if (!model) return { error: vscode.l10n.t('no model: add "model:" to the front matter, or pick one with "AI Tasks: Select Model…".') };
  return { providerId, model };
}
