// "Apply to File" and "Compare with Source" for a file task: the answer is the new file. It is
// applied as line hunks in one undo step. A file changed since launch gets the hunks moved when
// none touches lines the user changed; otherwise, or when the answer looks like a fragment of the
// file, nothing is applied until the user has seen the diff and chosen.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import type { FileSource } from '../../core/domain/taskSource';
import { choiceText, describeChoice } from '../../core/results/answerChoice';
import { looksLikeFragment, planFileApply } from '../../core/results/applyPlan';
import { contentHash } from '../../core/results/contentHash';
import { fitText } from '../../core/results/fitText';
import { splitLines } from '../../core/results/lineHunks';
import { openSource, textAtLaunch } from '../../host/results/sourceDocument';
import { pickAnswer } from './answerPicker';
import { applyEdits, offer } from './documentEdits';
import { NOTHING, report, type ResultOutcome, type ResultServices } from './resultServices';
import { phraseText } from '../../views/format/phraseText';

export async function applyToFile(s: ResultServices, task: Task, block: number | undefined, mode: 'apply' | 'compare'): Promise<ResultOutcome> {
  const source = task.source as FileSource;
  const opened = await openSource(source);
  if ('problem' in opened) return report({ done: false, message: mode === 'apply' ? vscode.l10n.t('cannot apply: {0}.', opened.problem) : vscode.l10n.t('cannot compare: {0}.', opened.problem) }, 'warning');
  const doc = opened.document;
  const choice = await pickAnswer(task, block, mode === 'apply' ? vscode.l10n.t('Apply to File') : vscode.l10n.t('Compare with Source'));
  if (!choice) return NOTHING;
  const used = phraseText(describeChoice(choice));
  const current = doc.getText();
  // The prompt proves the launch text; if it cannot (a redacted prompt), an unchanged file still can.
  const original = textAtLaunch(task) ?? (contentHash(current) === source.contentHash ? current : undefined);
  const proposed = fitText(choiceText(choice), original ?? current, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const plan = planFileApply(original, current, proposed);
  const title = vscode.l10n.t('{0} ↔ answer of "{1}"', source.path, task.title);
  const name = source.path;

  if (mode === 'compare') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, plan.kind === 'apply' ? plan.result : proposed, title);
    const note = plan.kind === 'conflict' || plan.kind === 'noOriginal' ? vscode.l10n.t(' {0} changed since launch; the right side is the answer as written.', name) : '';
    return { done: true, message: vscode.l10n.t('Comparing {0} with {1}.{2}', name, used, note), used, diff: diff.toString(), conflict: plan.kind === 'conflict' || plan.kind === 'noOriginal' };
  }

  const replaceWhole = async (): Promise<string> => ((await applyEdits(doc, [{ start: 0, end: current.length, text: proposed }])) ? vscode.l10n.t('Replaced {0} with {1}. Undo with Ctrl+Z.', name, used) : vscode.l10n.t('could not edit {0}.', name));
  switch (plan.kind) {
    case 'unchanged':
      return report({ done: false, message: vscode.l10n.t('{0} already has exactly this content.', name), used });
    case 'apply': {
      const hunks = plan.edits.length === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', plan.edits.length);
      const applyPlanned = async (): Promise<string> => ((await applyEdits(doc, plan.edits)) ? vscode.l10n.t('Applied {0} to {1}: {2}{3}. Undo with Ctrl+Z.', used, name, hunks, plan.moved ? vscode.l10n.t(', moved onto your edits since launch') : '') : vscode.l10n.t('could not edit {0}.', name));
      if (looksLikeFragment(current, plan.result)) {
        const diff = await s.proposals.showDiff(task.id, doc.uri, plan.result, title);
        const message = vscode.l10n.t('the answer has {0} lines and {1} {2}: it may be a fragment, not the whole file. Nothing was applied; the diff shows the result.', splitLines(proposed).length, name, splitLines(current).length);
        offer(message, doc, [{ title: vscode.l10n.t('Apply Anyway'), act: applyPlanned }]);
        return { done: false, conflict: true, message, used, diff: diff.toString() };
      }
      const done = await applyPlanned();
      await vscode.window.showTextDocument(doc, { preview: false });
      return report({ done: done !== vscode.l10n.t('could not edit {0}.', name), message: done, used });
    }
    case 'conflict':
    case 'noOriginal': {
      const diff = await s.proposals.showDiff(task.id, doc.uri, proposed, title);
      const why = plan.kind === 'conflict' ? vscode.l10n.t('{0} of its {1} changes touch lines you edited since the task started', plan.conflicts, plan.total) : vscode.l10n.t('its text at launch cannot be recovered to merge with');
      const message = vscode.l10n.t('{0} changed since the task started and {1}. Nothing was applied; the diff shows the answer.', name, why);
      const mapped = plan.kind === 'conflict' ? plan.mapped : [];
      const buttons = [
        ...(mapped.length > 0 ? [{ title: mapped.length === 1 ? vscode.l10n.t('Apply the 1 Other Change') : vscode.l10n.t('Apply the {0} Other Changes', mapped.length), act: async (): Promise<string> => ((await applyEdits(doc, mapped)) ? vscode.l10n.t('Applied {0} change(s) to {1}. Undo with Ctrl+Z.', mapped.length, name) : vscode.l10n.t('could not edit {0}.', name)) }] : []),
        { title: vscode.l10n.t('Replace File with Answer'), act: replaceWhole },
      ];
      offer(message, doc, buttons);
      return { done: false, conflict: true, message, used, diff: diff.toString() };
    }
  }
}
