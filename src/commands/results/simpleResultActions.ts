// Copy, Insert at Cursor and Open as New Document: actions that need no source.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import { choiceText, describeChoice } from '../../core/results/answerChoice';
import { fitText } from '../../core/results/fitText';
import { pickAnswer } from './answerPicker';
import { languageFor } from './languageForBlock';
import { NOTHING, report, type ResultOutcome, type ResultServices } from './resultServices';
import { phraseText } from '../../views/format/phraseText';

export async function copyResult(task: Task, block: number | undefined): Promise<ResultOutcome> {
  const choice = await pickAnswer(task, block, vscode.l10n.t('Copy'));
  if (!choice) return NOTHING;
  await vscode.env.clipboard.writeText(choiceText(choice));
  const used = phraseText(describeChoice(choice));
  const message = vscode.l10n.t('Copied {0} of "{1}".', used, task.title);
  // Copying needs no notification to dismiss; the status bar says it.
  vscode.window.setStatusBarMessage(`$(check) ${message}`, 5_000);
  return { done: true, message, used };
}

export async function insertAtCursor(s: ResultServices, task: Task, block: number | undefined): Promise<ResultOutcome> {
  const editor = s.lastEditor.editor;
  if (!editor) return report({ done: false, message: vscode.l10n.t('open a text editor and place the cursor where the answer should go, then run Insert at Cursor again.') }, 'warning');
  const choice = await pickAnswer(task, block, vscode.l10n.t('Insert at Cursor'));
  if (!choice) return NOTHING;
  const doc = editor.document;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const selection = editor.selection;
  // At the start of a line that has text, the answer goes above it rather than running into it.
  const startOfLine = selection.isEmpty && selection.start.character === 0 && doc.lineAt(selection.start.line).text.length > 0;
  const code = fitText(choiceText(choice), '', eol);
  const text = startOfLine && !code.endsWith('\n') ? `${code}${eol}` : code;
  // One edit call is one undo step; a non-empty selection is replaced, as typing would.
  const ok = await editor.edit((b) => b.replace(selection, text));
  const used = phraseText(describeChoice(choice));
  if (!ok) return report({ done: false, message: vscode.l10n.t('could not insert into {0} (it may be read-only).', vscode.workspace.asRelativePath(doc.uri)), used }, 'warning');
  await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  const where = `${vscode.workspace.asRelativePath(doc.uri)}:${selection.start.line + 1}`;
  return report({ done: true, message: vscode.l10n.t('Inserted {0} at {1}. Undo with Ctrl+Z.', used, where), used });
}

export async function openAsDocument(task: Task, block: number | undefined): Promise<ResultOutcome> {
  const choice = await pickAnswer(task, block, vscode.l10n.t('Open as New Document'));
  if (!choice) return NOTHING;
  // The whole answer is markdown; a block has its fence's language, else the source's.
  const language = choice.kind === 'whole' ? 'markdown' : await languageFor(choice.block.language, task.source?.languageId);
  const doc = await vscode.workspace.openTextDocument({ content: choiceText(choice), language });
  await vscode.window.showTextDocument(doc, { preview: false });
  const used = phraseText(describeChoice(choice));
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(file) Opened {0} of "{1}" as a new {2} document.', used, task.title, language), 5_000);
  return { done: true, message: vscode.l10n.t('Opened {0} as a new {1} document.', used, language), used };
}
