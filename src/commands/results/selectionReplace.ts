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
import { phraseText } from '../../views/format/phraseText';

export async function replaceSelection(s: ResultServices, task: Task, block: number | undefined, mode: 'apply' | 'compare'): Promise<ResultOutcome> {
  const source = task.source as SelectionSource;
  const opened = await openSource(source);
  if ('problem' in opened) return report({ done: false, message: mode === 'apply' ? vscode.l10n.t('cannot replace the selection: {0}.', opened.problem) : vscode.l10n.t('cannot compare: {0}.', opened.problem) }, 'warning');
  const doc = opened.document;
  const choice = await pickAnswer(task, block, mode === 'apply' ? vscode.l10n.t('Replace Selection') : vscode.l10n.t('Compare with Source'));
  if (!choice) return NOTHING;
  const used = phraseText(describeChoice(choice));
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
  const title = vscode.l10n.t('{0} ↔ answer of "{1}"', source.path, task.title);

  if (mode === 'compare') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, applyTextEdits(current, [edit]), title);
    const note = plan.kind === 'conflict' ? vscode.l10n.t(' The selection changed since launch ({0}); the right side shows the best guess.', phraseText(plan.reason)) : '';
    return { done: true, message: vscode.l10n.t('Comparing {0} with {1}.{2}', label, used, note), used, diff: diff.toString(), conflict: plan.kind === 'conflict' };
  }

  // `moved` goes inside the sentence, so a translation places it where its grammar wants it.
  const apply = async (moved = ''): Promise<string> => {
    const ok = await applyEdits(doc, [edit]);
    if (!ok) return vscode.l10n.t('could not edit {0}.', source.path);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const range = rangeOf(doc, edit.start, edit.start + text.length);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return vscode.l10n.t('Replaced {0} with {1}{2}. Undo with Ctrl+Z.', label, used, moved);
  };

  if (plan.kind === 'conflict') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, applyTextEdits(current, [edit]), title);
    const message = vscode.l10n.t('did not replace {0}: {1}. The diff shows where the answer would go.', label, phraseText(plan.reason));
    offer(message, doc, [{ title: vscode.l10n.t('Replace Anyway'), act: () => apply() }]);
    return { done: false, conflict: true, message, used, diff: diff.toString() };
  }
  const moved = plan.moved ? vscode.l10n.t(' (the selection had moved to line {0})', doc.positionAt(plan.start).line + 1) : '';
  const done = await apply(moved);
  return report({ done: done !== vscode.l10n.t('could not edit {0}.', source.path), message: done, used });
}
