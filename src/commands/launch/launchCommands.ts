// Commands that launch one task: run a prompt, run a prompt on the selection.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { CommandId } from '../../shared/ids';
import { askForPrompt, type PromptAnswer } from '../pickers/promptInput';
import { titleFromPrompt } from '../../core/launch/promptText';
import type { TaskInput } from '../../core/domain/taskModel';
import { describeSource } from '../../core/domain/taskSource';
import { selectionTask, snapshotSelection } from '../../host/results/taskSources';

export interface LaunchCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
}

export function registerLaunchCommands(s: LaunchCommandServices): vscode.Disposable[] {
  const submit = (answer: PromptAnswer, prompt: string, title: string, extra: Partial<TaskInput> = {}): void => {
    const task = s.engine.submit({ ...extra, title, prompt, providerId: answer.choice.providerId, model: answer.choice.model, priority: answer.priority });
    if (s.panel.shownTaskId === undefined) s.panel.show(task.id);
  };
  const ask = (title: string, prompt: string, extra: { placeholder?: string; value?: string }): Promise<PromptAnswer | undefined> =>
    askForPrompt({ title, prompt, ...extra, priority: s.settings().defaultPriority, providers: s.providers, catalog: s.catalog });

  return [
    vscode.commands.registerCommand(CommandId.runPrompt, async () => {
      const answer = await ask('AI Tasks: Run Prompt', '', { placeholder: 'Ask anything, e.g. "Explain the difference between TCP and UDP"' });
      if (answer) submit(answer, answer.text, titleFromPrompt(answer.text));
    }),
    vscode.commands.registerCommand(CommandId.runOnSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      // Taken before the prompt is typed: the selection and document may change meanwhile.
      const snap = editor && !editor.selection.isEmpty ? snapshotSelection(editor) : undefined;
      if (!snap || !snap.text.trim()) {
        void vscode.window.showInformationMessage('AI Task Queue: select some text first.');
        return;
      }
      const answer = await ask('AI Tasks: Run Prompt on Selection', 'What should the model do with the selection?', { value: 'Explain this code' });
      if (!answer) return;
      const { prompt, source } = selectionTask(answer.text, snap);
      submit(answer, prompt, `${titleFromPrompt(answer.text)} (${describeSource(source)})`, { source, instruction: answer.text });
    }),
  ];
}
