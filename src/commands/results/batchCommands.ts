// Commands on a whole batch or comparison: Cancel, Retry Failed (only failed or cancelled members
// run again, in the same batch), Show Results, Review and Apply, and the tree's grouping switch.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { BatchIndex } from '../../core/results/batchIndex';
import type { BatchSummary } from '../../core/results/batchSummary';
import { CommandId, ContextKey, SETTINGS_SECTION } from '../../shared/ids';
import type { Logger } from '../../host/logging/logger';
import { batchDescription } from '../../views/tree/batchTreeItems';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';
import { planBatchReview, reviewEdit } from '../../host/results/batchReview';
import { phrase } from '../../core/domain/phrase';

export interface BatchCommandServices {
  readonly engine: TaskEngine;
  readonly batches: BatchIndex;
  readonly tree: TaskTreeProvider;
  readonly showResults: (batchId: string) => void;
  readonly log: Logger;
}

/** What Review and Apply did, returned by the command. */
export interface ReviewOutcome {
  readonly applied: boolean;
  readonly hunks: number;
  readonly files: number;
  readonly leftOut: readonly { readonly path: string; readonly reason: string }[];
}

export function batchIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'batchId' in arg && typeof arg.batchId === 'string') return arg.batchId;
  return undefined;
}

export async function resolveBatch(batches: BatchIndex, arg: unknown, placeHolder: string, fits: (s: BatchSummary) => boolean = () => true): Promise<BatchSummary | undefined> {
  const id = batchIdFromArg(arg);
  if (id) return batches.summary(id);
  const candidates = batches.batchIds().flatMap((b) => batches.summary(b) ?? []).filter(fits);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: no batch or comparison this applies to.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: s.title, description: batchDescription(s), batchId: s.batchId })),
    { placeHolder, matchOnDescription: true },
  );
  return picked && batches.summary(picked.batchId);
}

export function registerBatchResultCommands(s: BatchCommandServices): vscode.Disposable[] {
  const setGrouping = (groupBy: 'batch' | 'status'): Thenable<void> => vscode.workspace.getConfiguration(SETTINGS_SECTION).update('tree.groupBy', groupBy, vscode.ConfigurationTarget.Global);
  return [
    vscode.commands.registerCommand(CommandId.cancelBatch, async (arg: unknown): Promise<number> => {
      const batch = await resolveBatch(s.batches, arg, vscode.l10n.t('Cancel which batch?'), (b) => b.active);
      if (!batch) return 0;
      // Every unfinished task of the batch, reruns included.
      return s.batches.tasksOf(batch.batchId).filter((t) => s.engine.cancel(t.id, phrase('failure.cancelled.batchByUser', {}))).length;
    }),
    vscode.commands.registerCommand(CommandId.retryFailedInBatch, async (arg: unknown): Promise<string[]> => {
      const batch = await resolveBatch(s.batches, arg, vscode.l10n.t('Retry the failed tasks of which batch?'), (b) => b.failed + b.cancelled > 0);
      if (!batch) return [];
      // Members only: a task already rerun is not run again, and completed ones never are.
      const again = batch.members.filter((t) => t.status === 'failed' || t.status === 'cancelled').flatMap((t) => s.engine.retry(t.id) ?? []);
      if (again.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: "{0}" has no failed or cancelled tasks.', batch.title));
      return again.map((t) => t.id);
    }),
    vscode.commands.registerCommand(CommandId.showBatchResults, async (arg: unknown) => {
      const batch = await resolveBatch(s.batches, arg, vscode.l10n.t('Show the results of which batch or comparison?'));
      if (!batch) return;
      s.showResults(batch.batchId);
      batchReviewed();
    }),
    vscode.commands.registerCommand(CommandId.reviewBatchChanges, async (arg: unknown): Promise<ReviewOutcome | undefined> => {
      const batch = await resolveBatch(s.batches, arg, vscode.l10n.t('Review and apply the changes of which batch?'), (b) => b.kind === 'files' && b.completed > 0);
      if (!batch) return undefined;
      batchReviewed();
      return reviewBatch(s, batch);
    }),
    vscode.commands.registerCommand(CommandId.showMoreBatchTasks, (batchId: unknown) => {
      if (typeof batchId === 'string') s.tree.showMoreInBatch(batchId);
    }),
    vscode.commands.registerCommand(CommandId.groupByStatus, () => setGrouping('status')),
    vscode.commands.registerCommand(CommandId.groupByBatch, () => setGrouping('batch')),
  ];
}

/** The walkthrough's "run on several files and review" step is done. */
function batchReviewed(): void {
  void vscode.commands.executeCommand('setContext', ContextKey.batchReviewed, true);
}

async function reviewBatch(s: BatchCommandServices, batch: BatchSummary): Promise<ReviewOutcome> {
  const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AI Tasks: preparing {0} files for review', batch.total) }, () => planBatchReview(batch));
  const leftOut = plan.leftOut.map((l) => ({ path: l.path, reason: l.reason }));
  for (const l of leftOut) s.log.info(`review of "${batch.title}": left out ${l.path}: ${l.reason}`);
  const listed = leftOut.length === 0 ? '' : vscode.l10n.t(' Left out {0}: {1}{2}.', leftOut.length, leftOut.slice(0, 6).map((l) => `${l.path} (${l.reason})`).join('; '), leftOut.length > 6 ? vscode.l10n.t('; … (all in the AI Task Queue log)') : '');
  if (plan.entries.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: nothing to apply from "{0}".{1}', batch.title, listed));
    return { applied: false, hunks: 0, files: 0, leftOut };
  }
  // Shown while the Refactor Preview is open, so what is not in it is never a silent omission.
  void vscode.window.showInformationMessage(vscode.l10n.t("AI Task Queue: review {0} change(s) in {1} file(s) in the Refactor Preview: tick the changes to apply (a file's box ticks all of its changes), then Apply.{2}", plan.entries.length, plan.files, listed));
  const applied = await vscode.workspace.applyEdit(reviewEdit(plan.entries), { isRefactoring: true });
  s.log.info(`review of "${batch.title}": ${applied ? 'applied' : 'discarded'} (${plan.entries.length} hunks in ${plan.files} files offered)`);
  return { applied, hunks: plan.entries.length, files: plan.files, leftOut };
}
