// Runs a prompt file: on what (nothing, the selection, or each of many files), with which inputs,
// on which model. Everything is checked before anything is queued: the file parses, every variable
// has a value for every task (a dry run before the input boxes open, so nobody types answers for a
// run that cannot start), and the whole run (every task, every workflow step) goes through the same
// estimate and confirmation as other launches.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskInput } from '../../core/domain/taskModel';
import type { TaskSource } from '../../core/domain/taskSource';
import type { WorkflowStep } from '../../core/domain/workflowStep';
import { expandPromptFile, type ExpandedRun, type RunTarget } from '../../core/promptFiles/expandPromptFile';
import { PromptFileError, type PromptFileProblem } from '../../core/promptFiles/promptFileProblem';
import { promptInputs, type PromptContext } from '../../core/promptFiles/promptVariables';
import type { PlannedRun } from '../../host/cost/costEstimator';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { confirmRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { reportProblems, type LoadedPromptFile, type PromptFileDiagnostics } from './promptFileSource';

export interface PromptFileLaunchServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly confirmation: RunConfirmationServices;
  readonly diagnostics: PromptFileDiagnostics;
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

/** Returns the ids of the queued tasks (empty when nothing was queued). */
export async function launchPromptFile(s: PromptFileLaunchServices, loaded: LoadedPromptFile, targets: readonly PlannedTarget[]): Promise<string[]> {
  const { file } = loaded;
  const choice = resolveModel(loaded, s.providers);
  if ('error' in choice) {
    void vscode.window.showErrorMessage(`AI Task Queue: ${loaded.path} cannot run — ${choice.error}`);
    return [];
  }
  // A dry run with every input answered: what is missing besides inputs is found before asking.
  const asked = promptInputs(file);
  const dummy = Object.fromEntries(asked.map((i) => [i.name, '']));
  if (!(await expandAll(loaded, targets, dummy))) return [];
  const inputs: Record<string, string> = {};
  for (const [i, input] of asked.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${loaded.displayName} (${i + 1}/${asked.length}): ${input.name}${targets.length > 1 ? ` — for all ${targets.length} files` : ''}`,
      // VS Code shows `argument-hint` where the user types the prompt's argument; here that is the first box.
      prompt: `Value for \${input:${input.name}}${i === 0 && file.argumentHint ? ` — ${file.argumentHint}` : ''}`,
      ...(input.placeholder !== undefined && { placeHolder: input.placeholder }),
      ignoreFocusOut: true,
    });
    if (value === undefined) return [];
    inputs[input.name] = value;
  }
  const runs = await expandAll(loaded, targets, inputs);
  if (!runs) return [];
  const planned: TaggedRun[] = runs.flatMap((run, task) => plannedRuns(run, choice, task));
  const steps = file.steps.length;
  const what = targets.length > 1 ? `${targets.length} files${steps > 0 ? ` × ${steps} steps` : ''}` : steps > 0 ? `a workflow of ${steps} steps` : undefined;
  const confirmed = await confirmRuns(s.confirmation, planned, { batch: planned.length > 1, ...(what && { what }) });
  if (!confirmed) return [];
  const batchId = runs.length > 1 ? randomUUID() : undefined;
  const ids: string[] = [];
  let dropped = 0;
  runs.forEach((run, task) => {
    const kept = confirmed.filter((r) => r.task === task);
    // A workflow runs whole or not at all: one of its steps refused as too large drops it.
    if (kept.length !== planned.filter((r) => r.task === task).length) {
      dropped += 1;
      return;
    }
    const target = targets[task]!;
    const source = target.sourceFor?.(run.prompt);
    const input: TaskInput = {
      title: `${loaded.displayName}${target.label ? ` — ${target.label}` : ''}`,
      prompt: run.prompt,
      providerId: kept[0]!.providerId,
      model: kept[0]!.model,
      priority: file.priority ?? s.settings().defaultPriority,
      promptFile: loaded.ref,
      // What the batch header and the results view show as the prompt: the prompt file, not one file's expansion.
      instruction: loaded.file.description ? `${loaded.displayName}: ${loaded.file.description}` : loaded.displayName,
      ...(source && { source }),
      ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }),
      ...(file.maxOutputTokens !== undefined && { maxOutputTokens: file.maxOutputTokens }),
      ...(file.checks.length > 0 && { checks: file.checks }),
      ...(run.steps && { steps: run.steps.map((st): WorkflowStep => ({ name: st.name, parts: st.parts, status: 'pending', output: '', attempts: 0 })) }),
      ...(batchId && { batchId, batchKind: 'files' as const }),
    };
    ids.push(s.engine.submit(input).id);
  });
  if (dropped > 0) void vscode.window.showWarningMessage(`AI Task Queue: ${dropped} workflow(s) were not queued: a step's prompt is larger than the model accepts.`);
  if (ids[0] && (s.panel.shownTaskId === undefined || steps > 0)) s.panel.show(ids[0]);
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
      for (const p of error.problems) if (!problems.some((q) => q.line === p.line && q.message === p.message)) problems.push(p);
    }
  }
  if (problems.length === 0) return runs;
  reportProblems(loaded.uri, loaded.path, problems, targets.length > 1 ? `cannot run on ${targets.length - runs.length} of the ${targets.length} files` : 'cannot run here');
  return undefined;
}

/** One planned run per request the task will make: a workflow's steps are estimated with what is known of their prompts. */
function plannedRuns(run: ExpandedRun, choice: { providerId: string; model: string }, task: number): TaggedRun[] {
  const base = { providerId: choice.providerId, model: choice.model, task, ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }) };
  if (!run.steps) return [{ ...base, prompt: run.prompt, segments: run.segments }];
  // Earlier steps' outputs are not known yet; the output cap of each step covers them in the high end.
  return run.steps.map((step) => {
    const segments = step.parts.flatMap((p) => ('text' in p ? [p.text] : []));
    return { ...base, prompt: segments.join(''), segments };
  });
}

/** The front matter's provider and model, else the default provider and its model. */
function resolveModel(loaded: LoadedPromptFile, providers: ProviderRegistry): { providerId: string; model: string } | { error: string } {
  const { file } = loaded;
  const fallback = providers.defaultSelection();
  const providerId = file.provider ?? fallback.providerId;
  const entry = providers.entry(providerId);
  if (!entry) {
    const known = providers.all().map((e) => e.id).join(', ');
    return { error: `provider "${providerId}" is not enabled${known ? ` (enabled: ${known})` : ''}. Change "provider:" in the front matter, or enable it in the settings.` };
  }
  const model = file.model ?? (providerId === fallback.providerId ? fallback.model : entry.defaultModel) ?? '';
  if (!model) return { error: `no model: add "model:" to the front matter, or pick one with "AI Tasks: Select Model…".` };
  return { providerId, model };
}
