// Asks which code block an action should use when an answer holds several.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import { blockLabel, chooseAnswer, type AnswerChoice } from '../../core/results/answerChoice';
import { phraseText } from '../../views/format/phraseText';

export type ChosenAnswer = Exclude<AnswerChoice, { kind: 'several' }>;

interface BlockItem extends vscode.QuickPickItem {
  readonly choice: ChosenAnswer;
}

export async function pickAnswer(task: Task, block: number | undefined, action: string): Promise<ChosenAnswer | undefined> {
  const choice = chooseAnswer(task.output, block);
  if (choice.kind !== 'several') return choice;
  const items: BlockItem[] = [
    ...choice.blocks.map((b): BlockItem => ({ label: phraseText(blockLabel(b)), choice: { kind: 'block', block: b, of: choice.blocks.length } })),
    { label: vscode.l10n.t('The whole answer'), description: vscode.l10n.t('text and code as the model wrote it'), choice: { kind: 'whole', text: task.output.trim() } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: the answer has {1} code blocks', action, choice.blocks.length), placeHolder: vscode.l10n.t('Which one?') });
  return picked?.choice;
}
