// "Replace Selection" and "Compare with Source" for a selection task. The answer replaces the
// range that was selected at launch, followed through later edits (SelectionTracker) or found
// again by its text; when neither is certain nothing is replaced: the diff shows where the answer
// would go and the user decides.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import { describeSource, type SelectionSource } from '../../core/domain/taskSource';
import { choiceText, describeChoice } from '../../core/results/answerChoice';
import { planSelectionReplace } from '../../core/results/applyPlan';
import { fitText } from '../../core/results/fitText';
import { applyTextEdits } from '../../core/results/lineHunks';
import { openSource, textAtLaunch } from '../../host/results/sourceDocument';
import { pickAnswer } from './answerPicker';
import { applyEdits, offer, rangeOf } from './documentEdits';
import { NOTHING, report, type ResultOutcome, type ResultServices } from './resultServices';

export async function replaceSelection(s: ResultServices, task: Task, block: number | undefined, mode: 'apply' | 'compare'): Promise<ResultOutcome> {
  const source = task.source as SelectionSource;
  const opened = await openSource(source);
  if ('problem' in opened) return report({ done: false, message: `cannot ${mode === 'apply' ? 'replace the selection' : 'compare'}: ${opened.problem}.` }, 'warning');
  const doc = opened.document;
  const choice = await pickAnswer(task, block, mode === 'apply' ? 'Replace Selection' : 'Compare with Source');
  if (!choice) return NOTHING;
  const used = describeChoice(choice);
  const current = doc.getText();
  const r = source.range;
  const stored = doc.validateRange(new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter));
  const original = textAtLaunch(task);
  const plan = planSelectionReplace({
    current,
    original,
    stored: { start: doc.offsetAt(stored.start), end: doc.offsetAt(stored.end) },
    sameVersion: doc.version === source.documentVersion,
    tracked: s.tracker.rangeOf(task),
  });
  const where = plan.kind === 'apply' ? plan : plan.guess;
  const text = fitText(choiceText(choice), original ?? current.slice(where.start, where.end), doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const edit = { start: where.start, end: where.end, text };
  const label = describeSource(source);
  const title = `${source.path} ↔ answer of "${task.title}"`;

  if (mode === 'compare') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, applyTextEdits(current, [edit]), title);
    const note = plan.kind === 'conflict' ? ` The selection changed since launch (${plan.reason}); the right side shows the best guess.` : '';
    return { done: true, message: `Comparing ${label} with ${used}.${note}`, used, diff: diff.toString(), conflict: plan.kind === 'conflict' };
  }

  const apply = async (): Promise<string> => {
    const ok = await applyEdits(doc, [edit]);
    if (!ok) return `could not edit ${source.path}.`;
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const range = rangeOf(doc, edit.start, edit.start + text.length);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return `Replaced ${label} with ${used}. Undo with Ctrl+Z.`;
  };

  if (plan.kind === 'conflict') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, applyTextEdits(current, [edit]), title);
    const message = `did not replace ${label}: ${plan.reason}. The diff shows where the answer would go.`;
    offer(message, doc, [{ title: 'Replace Anyway', act: apply }]);
    return { done: false, conflict: true, message, used, diff: diff.toString() };
  }
  const done = await apply();
  const moved = plan.moved ? ` (the selection had moved to line ${doc.positionAt(plan.start).line + 1})` : '';
  return report({ done: done.startsWith('Replaced'), message: done.replace('. Undo', `${moved}. Undo`), used });
}
