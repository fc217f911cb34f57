// Commands that launch one task: run a prompt, run a prompt on the selection. The prompt box shows
// the expected tokens and cost as the user types; the run is confirmed (or refused) before it is
// queued when it is large or costly.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { CostEstimator } from '../../host/cost/costEstimator';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { CommandId } from '../../shared/ids';
import { askForPrompt, type PromptAnswer } from '../pickers/promptInput';
import type { ModelChoice } from '../pickers/modelPicker';
import { confirmRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { selectionPromptSegments, titleFromPrompt } from '../../core/launch/promptText';
import { estimateLine } from './launchEstimate';
import type { TaskInput } from '../../core/domain/taskModel';
import { describeSource } from '../../core/domain/taskSource';
import { selectionTask, snapshotSelection } from '../../host/results/taskSources';

export interface LaunchCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
  readonly estimator: CostEstimator;
  readonly confirmation: RunConfirmationServices;
}

export function registerLaunchCommands(s: LaunchCommandServices): vscode.Disposable[] {
  const submit = async (answer: PromptAnswer, segments: readonly string[], title: string, extra: Partial<TaskInput> = {}): Promise<void> => {
    const prompt = segments.join('');
    const confirmed = await confirmRuns(s.confirmation, [{ providerId: answer.choice.providerId, model: answer.choice.model, prompt, segments }], { batch: false });
    const run = confirmed?.[0];
    if (!run) return;
    const task = s.engine.submit({ ...extra, title, prompt, providerId: run.providerId, model: run.model, priority: answer.priority, ...(answer.timeoutMs !== undefined && { timeoutMs: answer.timeoutMs }) });
    if (s.panel.shownTaskId === undefined) s.panel.show(task.id);
  };
  const ask = (title: string, prompt: string, extra: { placeholder?: string; value?: string }, segmentsFor: (text: string) => readonly string[]): Promise<PromptAnswer | undefined> =>
    askForPrompt({
      title,
      prompt,
      ...extra,
      priority: s.settings().defaultPriority,
      defaultTimeoutMs: s.settings().timeoutMs,
      providers: s.providers,
      catalog: s.catalog,
      estimate: (text: string, choice: ModelChoice) => {
        const segments = segmentsFor(text);
        return estimateLine(s.estimator, [{ providerId: choice.providerId, model: choice.model, prompt: segments.join(''), segments }]);
      },
    });

  return [
    vscode.commands.registerCommand(CommandId.runPrompt, async () => {
      const answer = await ask(vscode.l10n.t('AI Tasks: Run Prompt'), '', { placeholder: vscode.l10n.t('Ask anything, e.g. "Explain the difference between TCP and UDP"') }, (text) => [text]);
      if (answer) await submit(answer, [answer.text], titleFromPrompt(answer.text));
    }),
    vscode.commands.registerCommand(CommandId.runOnSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      // Taken before the prompt is typed: the selection and document may change meanwhile.
      const snap = editor && !editor.selection.isEmpty ? snapshotSelection(editor) : undefined;
      if (!snap || !snap.text.trim()) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: select some text first.'));
        return;
      }
      const languageId = snap.document.languageId;
      const answer = await ask(vscode.l10n.t('AI Tasks: Run Prompt on Selection'), vscode.l10n.t('What should the model do with the selection?'), { value: vscode.l10n.t('Explain this code') }, (text) => selectionPromptSegments(text, snap.text, languageId));
      if (!answer) return;
      const { prompt, source } = selectionTask(answer.text, snap);
      const segments = selectionPromptSegments(answer.text, snap.text, languageId);
      // The prompt the source span points into is the one counted and sent.
      await submit(answer, segments.join('') === prompt ? segments : [prompt], `${titleFromPrompt(answer.text)} (${describeSource(source)})`, { source, instruction: answer.text });
    }),
  ];
}
