// Commands that launch and steer tasks: run a prompt, run on the selection, cancel, retry, show.
import * as vscode from 'vscode';
import type { TaskEngine } from '../core/taskEngine';
import type { ModelCatalog } from '../host/modelCatalog';
import type { ProviderRegistry } from '../host/providerRegistry';
import type { Settings } from '../host/settings';
import type { OutputPanel } from '../views/outputPanel';
import { CommandId } from './commandIds';
import { resolveTask } from './taskPicker';
import { askForPrompt, type PromptAnswer } from './promptInput';
import { promptForSelection, titleFromPrompt } from './promptText';

export interface TaskCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
  readonly catalog: ModelCatalog;
}

export function registerTaskCommands(s: TaskCommandServices): vscode.Disposable[] {
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
    vscode.commands.registerCommand(CommandId.cancelTask, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['queued', 'running'], 'Cancel which task?');
      if (task) s.engine.cancel(task.id);
    }),
    vscode.commands.registerCommand(CommandId.retryTask, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['failed', 'cancelled'], 'Retry which task?');
      const next = task && s.engine.retry(task.id);
      if (next && s.panel.shownTaskId === task.id) s.panel.show(next.id);
    }),
    vscode.commands.registerCommand(CommandId.showOutput, async (arg: unknown) => {
      const task = await resolveTask(s.engine, arg, ['queued', 'running', 'completed', 'failed', 'cancelled'], 'Show which task?');
      if (task) s.panel.show(task.id);
    }),
  ];
}
