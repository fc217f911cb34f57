// Commands that launch and steer tasks: run a prompt, run on the selection, cancel, retry, show.
import * as vscode from 'vscode';
import type { TaskEngine } from '../core/taskEngine';
import type { ProviderRegistry } from '../host/providerRegistry';
import type { Settings } from '../host/settings';
import type { OutputPanel } from '../views/outputPanel';
import { CommandId } from './commandIds';
import { resolveTask } from './taskPicker';
import { promptForSelection, titleFromPrompt } from './promptText';

export interface TaskCommandServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly panel: OutputPanel;
}

export function registerTaskCommands(s: TaskCommandServices): vscode.Disposable[] {
  const submit = (prompt: string, title: string): void => {
    const { providerId, model } = s.providers.defaultSelection();
    const task = s.engine.submit({ title, prompt, providerId, model, priority: s.settings().defaultPriority });
    if (s.panel.shownTaskId === undefined) s.panel.show(task.id);
  };

  return [
    vscode.commands.registerCommand(CommandId.runPrompt, async () => {
      const { providerId, model } = s.providers.defaultSelection();
      const prompt = await vscode.window.showInputBox({
        title: 'AI Tasks: Run Prompt',
        prompt: `Runs on ${s.providers.label(providerId)} · ${model}`,
        placeHolder: 'Ask anything, e.g. "Explain the difference between TCP and UDP"',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'Type a prompt to run.'),
      });
      if (prompt?.trim()) submit(prompt.trim(), titleFromPrompt(prompt));
    }),
    vscode.commands.registerCommand(CommandId.runOnSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      if (!editor || !selection.trim()) {
        void vscode.window.showInformationMessage('AI Task Queue: select some text first.');
        return;
      }
      const instruction = await vscode.window.showInputBox({
        title: 'AI Tasks: Run Prompt on Selection',
        prompt: 'What should the model do with the selected text?',
        value: 'Explain this code',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'Type an instruction.'),
      });
      if (!instruction?.trim()) return;
      const where = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.start.line + 1}`;
      submit(promptForSelection(instruction.trim(), selection, editor.document.languageId), `${titleFromPrompt(instruction)} (${where})`);
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
