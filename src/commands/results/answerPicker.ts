// Asks which code block an action should use when an answer holds several.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import { blockLabel, chooseAnswer, type AnswerChoice } from '../../core/results/answerChoice';

export type ChosenAnswer = Exclude<AnswerChoice, { kind: 'several' }>;

interface BlockItem extends vscode.QuickPickItem {
  readonly choice: ChosenAnswer;
}

export async function pickAnswer(task: Task, block: number | undefined, action: string): Promise<ChosenAnswer | undefined> {
  const choice = chooseAnswer(task.output, block);
  if (choice.kind !== 'several') return choice;
  const items: BlockItem[] = [
    ...choice.blocks.map((b): BlockItem => ({ label: blockLabel(b), choice: { kind: 'block', block: b, of: choice.blocks.length } })),
    { label: 'The whole answer', description: 'text and code as the model wrote it', choice: { kind: 'whole', text: task.output.trim() } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${action}: the answer has ${choice.blocks.length} code blocks`, placeHolder: 'Which one?' });
  return picked?.choice;
}
