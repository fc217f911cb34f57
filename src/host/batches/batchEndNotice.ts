// Tells the user when a provider batch job of this session ends (they may have waited hours): how
// many requests succeeded and failed, with Show (the job's tasks in the tree) and Retry Failed.
// Jobs that ended before this window opened are not announced again. A job launched from a batch or
// comparison is announced by that batch's own notice when the batch finishes (Show Results, Review,
// Retry Failed; views/status/batchFinishNotice.ts), not twice.
import * as vscode from 'vscode';
import type { ProviderBatches } from '../../core/batches/providerBatches';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId, ViewId } from '../../shared/ids';

export function registerBatchEndNotice(batches: ProviderBatches, engine: TaskEngine): vscode.Disposable {
  const announced = new Set(batches.list().filter((j) => j.endedAt !== undefined).map((j) => j.id));
  const off = batches.onDidChange((jobId) => {
    const job = batches.get(jobId);
    if (!job || job.endedAt === undefined || announced.has(jobId)) return;
    announced.add(jobId);
    if (job.batchId !== undefined) return;
    const tasks = batches.taskIds(jobId).flatMap((id) => engine.get(id) ?? []);
    const count = (status: string): number => tasks.filter((t) => t.status === status).length;
    const [completed, failed, cancelled] = [count('completed'), count('failed'), count('cancelled')];
    const label = batches.label(job.providerId) ?? job.providerId;
    const parts = [vscode.l10n.t('{0} completed', completed.toLocaleString('en-US')), ...(failed > 0 ? [vscode.l10n.t('{0} failed', failed.toLocaleString('en-US'))] : []), ...(cancelled > 0 ? [vscode.l10n.t('{0} cancelled', cancelled.toLocaleString('en-US'))] : [])];
    const actions = [vscode.l10n.t('Show'), ...(failed > 0 ? [vscode.l10n.t('Retry Failed…')] : [])];
    const show = failed > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(vscode.l10n.t('AI Task Queue: the {0} provider batch "{1}" ended: {2}.', label, job.title, parts.join(', ')), ...actions).then((choice) => {
      if (choice === vscode.l10n.t('Show')) void vscode.commands.executeCommand(`${ViewId.tasks}.focus`);
      if (choice === vscode.l10n.t('Retry Failed…')) void vscode.commands.executeCommand(CommandId.retryProviderBatch, { kind: 'providerBatchJob', jobId });
    });
  });
  return { dispose: off };
}
