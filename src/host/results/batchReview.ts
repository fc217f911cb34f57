// "Review and Apply": one WorkspaceEdit over every finished file task of a batch, each file's
// change split into hunks, every hunk an entry that needs confirmation, so VS Code's Refactor
// Preview lists each file and hunk with its diff and a checkbox. What cannot be applied (failed,
// cancelled, unfinished, changed since launch where it overlaps, several code blocks) is listed.
import * as vscode from 'vscode';
import type { BatchSummary } from '../../core/results/batchSummary';
import type { FileSource } from '../../core/domain/taskSource';
import type { Task } from '../../core/domain/taskModel';
import { chooseAnswer, choiceText } from '../../core/results/answerChoice';
import { looksLikeFragment, planFileApply } from '../../core/results/applyPlan';
import { contentHash } from '../../core/results/contentHash';
import { fitText } from '../../core/results/fitText';
import type { Hunk, TextEdit } from '../../core/results/lineHunks';
import { rangeOf } from './documentRange';
import { openSource, textAtLaunch } from './sourceDocument';

export interface ReviewEntry {
  readonly taskId: string;
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly range: vscode.Range;
  readonly text: string;
  readonly label: string;
  readonly description: string;
}

export interface LeftOut {
  readonly path: string;
  readonly taskId: string;
  readonly reason: string;
}

export interface BatchReviewPlan {
  readonly entries: readonly ReviewEntry[];
  readonly files: number;
  readonly leftOut: readonly LeftOut[];
}

export async function planBatchReview(summary: BatchSummary): Promise<BatchReviewPlan> {
  const entries: ReviewEntry[] = [];
  const leftOut: LeftOut[] = [];
  const label = `AI Tasks: ${summary.title}`;
  for (const task of summary.members) {
    const source = task.source;
    const path = source?.path ?? task.title;
    const skip = (reason: string): void => void leftOut.push({ path, taskId: task.id, reason });
    if (task.status !== 'completed') {
      if (task.status === 'failed') skip(task.error ? vscode.l10n.t('failed ({0})', task.error.code) : vscode.l10n.t('failed'));
      else skip(task.status === 'cancelled' ? vscode.l10n.t('cancelled') : vscode.l10n.t('still {0}', task.status));
      continue;
    }
    if (source?.kind !== 'file') {
      skip(vscode.l10n.t('was not run on a file'));
      continue;
    }
    const result = await fileHunks(task, source);
    if ('reason' in result) {
      skip(result.reason);
      continue;
    }
    const { doc, hunks, note } = result;
    for (const h of hunks) {
      entries.push({ taskId: task.id, uri: doc.uri, path, range: rangeOf(doc, h.start, h.end), text: h.text, label, description: `${path}, ${describeHunk(doc, h)}${note}` });
    }
  }
  return { entries, files: new Set(entries.map((e) => e.path)).size, leftOut };
}

/** One WorkspaceEdit of the entries: each needs confirmation (the preview's checkbox) unless `confirm` is false. */
export function reviewEdit(entries: readonly ReviewEntry[], confirm = true): vscode.WorkspaceEdit {
  return reviewEditWithMetadata(entries, confirm).edit;
}

/** The edit and the metadata given with each entry, in order (the API offers no way to read metadata back). */
export function reviewEditWithMetadata(entries: readonly ReviewEntry[], confirm = true): { readonly edit: vscode.WorkspaceEdit; readonly metadata: readonly vscode.WorkspaceEditEntryMetadata[] } {
  const edit = new vscode.WorkspaceEdit();
  const metadata = entries.map((e): vscode.WorkspaceEditEntryMetadata => {
    const m: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: confirm, label: e.label, description: e.description, iconPath: new vscode.ThemeIcon('sparkle') };
    edit.replace(e.uri, e.range, e.text, m);
    return m;
  });
  return { edit, metadata };
}

async function fileHunks(task: Task, source: FileSource): Promise<{ doc: vscode.TextDocument; hunks: readonly (Hunk | TextEdit)[]; note: string } | { reason: string }> {
  const choice = chooseAnswer(task.output);
  if (choice.kind === 'several') return { reason: vscode.l10n.t('the answer has {0} code blocks; use Apply to File on the task to pick one', choice.blocks.length) };
  const opened = await openSource(source);
  if ('problem' in opened) return { reason: opened.problem };
  const doc = opened.document;
  const current = doc.getText();
  const original = textAtLaunch(task) ?? (contentHash(current) === source.contentHash ? current : undefined);
  const proposed = fitText(choiceText(choice), original ?? current, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const plan = planFileApply(original, current, proposed);
  switch (plan.kind) {
    case 'unchanged':
      return { reason: vscode.l10n.t('the answer proposes no change') };
    case 'noOriginal':
      return { reason: vscode.l10n.t('changed since the task started, and its text at launch cannot be recovered to merge with') };
    case 'conflict':
      if (plan.mapped.length === 0) return { reason: vscode.l10n.t('changed since the task started: all {0} changes touch lines you edited', plan.total) };
      return { doc, hunks: plan.mapped, note: vscode.l10n.t(' (file changed since launch; {0} of {1} changes overlap your edits and are left out)', plan.conflicts, plan.total) };
    case 'apply':
      return { doc, hunks: plan.edits, note: `${plan.moved ? vscode.l10n.t(' (moved onto your edits since launch)') : ''}${looksLikeFragment(current, plan.result) ? vscode.l10n.t(' (the answer is much shorter than the file)') : ''}` };
  }
}

function describeHunk(doc: vscode.TextDocument, h: Hunk | TextEdit): string {
  const first = doc.positionAt(h.start).line;
  const end = doc.positionAt(h.end);
  const start = first + 1;
  const added = h.text === '' ? 0 : h.text.split('\n').length - (h.text.endsWith('\n') ? 1 : 0);
  const removed = end.line - first + (end.character > 0 ? 1 : 0);
  const lines = removed === 0 ? vscode.l10n.t('before line {0}', start) : removed === 1 ? vscode.l10n.t('line {0}', start) : vscode.l10n.t('lines {0}–{1}', start, start + removed - 1);
  return `${lines}: +${added} −${removed}`;
}
