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

export async function applyToFile(s: ResultServices, task: Task, block: number | undefined, mode: 'apply' | 'compare'): Promise<ResultOutcome> {
  const source = task.source as FileSource;
  const opened = await openSource(source);
  if ('problem' in opened) return report({ done: false, message: `cannot ${mode === 'apply' ? 'apply' : 'compare'}: ${opened.problem}.` }, 'warning');
  const doc = opened.document;
  const choice = await pickAnswer(task, block, mode === 'apply' ? 'Apply to File' : 'Compare with Source');
  if (!choice) return NOTHING;
  const used = describeChoice(choice);
  const current = doc.getText();
  // The prompt proves the launch text; if it cannot (a redacted prompt), an unchanged file still can.
  const original = textAtLaunch(task) ?? (contentHash(current) === source.contentHash ? current : undefined);
  const proposed = fitText(choiceText(choice), original ?? current, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const plan = planFileApply(original, current, proposed);
  const title = `${source.path} ↔ answer of "${task.title}"`;
  const name = source.path;

  if (mode === 'compare') {
    const diff = await s.proposals.showDiff(task.id, doc.uri, plan.kind === 'apply' ? plan.result : proposed, title);
    const note = plan.kind === 'conflict' || plan.kind === 'noOriginal' ? ` ${name} changed since launch; the right side is the answer as written.` : '';
    return { done: true, message: `Comparing ${name} with ${used}.${note}`, used, diff: diff.toString(), conflict: plan.kind === 'conflict' || plan.kind === 'noOriginal' };
  }

  const replaceWhole = async (): Promise<string> => ((await applyEdits(doc, [{ start: 0, end: current.length, text: proposed }])) ? `Replaced ${name} with ${used}. Undo with Ctrl+Z.` : `could not edit ${name}.`);
  switch (plan.kind) {
    case 'unchanged':
      return report({ done: false, message: `${name} already has exactly this content.`, used });
    case 'apply': {
      const hunks = `${plan.edits.length} change${plan.edits.length === 1 ? '' : 's'}`;
      const applyPlanned = async (): Promise<string> => ((await applyEdits(doc, plan.edits)) ? `Applied ${used} to ${name}: ${hunks}${plan.moved ? ', moved onto your edits since launch' : ''}. Undo with Ctrl+Z.` : `could not edit ${name}.`);
      if (looksLikeFragment(current, plan.result)) {
        const diff = await s.proposals.showDiff(task.id, doc.uri, plan.result, title);
        const message = `the answer has ${splitLines(proposed).length} lines and ${name} ${splitLines(current).length}: it may be a fragment, not the whole file. Nothing was applied; the diff shows the result.`;
        offer(message, doc, [{ title: 'Apply Anyway', act: applyPlanned }]);
        return { done: false, conflict: true, message, used, diff: diff.toString() };
      }
      const done = await applyPlanned();
      await vscode.window.showTextDocument(doc, { preview: false });
      return report({ done: done.startsWith('Applied'), message: done, used });
    }
    case 'conflict':
    case 'noOriginal': {
      const diff = await s.proposals.showDiff(task.id, doc.uri, proposed, title);
      const why = plan.kind === 'conflict' ? `${plan.conflicts} of its ${plan.total} changes touch lines you edited since the task started` : 'its text at launch cannot be recovered to merge with';
      const message = `${name} changed since the task started and ${why}. Nothing was applied; the diff shows the answer.`;
      const mapped = plan.kind === 'conflict' ? plan.mapped : [];
      const buttons = [
        ...(mapped.length > 0 ? [{ title: `Apply the ${mapped.length} Other Change${mapped.length === 1 ? '' : 's'}`, act: async (): Promise<string> => ((await applyEdits(doc, mapped)) ? `Applied ${mapped.length} change(s) to ${name}. Undo with Ctrl+Z.` : `could not edit ${name}.`) }] : []),
        { title: 'Replace File with Answer', act: replaceWhole },
      ];
      offer(message, doc, buttons);
      return { done: false, conflict: true, message, used, diff: diff.toString() };
    }
  }
}
