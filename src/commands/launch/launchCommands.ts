// Commands that launch one task: run a prompt, run a prompt on the selection.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { Settings } from '../../host/config/settings';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { CommandId } from '../../shared/ids';
import { askForPrompt, type PromptAnswer } from '../pickers/promptInput';
import { promptForSelection, titleFromPrompt } from '../../core/launch/promptText';

export interface LaunchCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
}

export function registerLaunchCommands(s: LaunchCommandServices): vscode.Disposable[] {
  const submit = (answer: PromptAnswer, prompt: string, title: string): void => {
    const task = s.engine.submit({ title, prompt, providerId: answer.choice.providerId, model: answer.choice.model, priority: answer.priority });
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
      const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      if (!editor || !selection.trim()) {
        void vscode.window.showInformationMessage('AI Task Queue: select some text first.');
        return;
      }
      const answer = await ask('AI Tasks: Run Prompt on Selection', 'What should the model do with the selection?', { value: 'Explain this code' });
      if (!answer) return;
      const where = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.start.line + 1}`;
      submit(answer, promptForSelection(answer.text, selection, editor.document.languageId), `${titleFromPrompt(answer.text)} (${where})`);
    }),
  ];
}
