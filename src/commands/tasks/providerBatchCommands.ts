// Commands on a provider batch job: Cancel (the provider's cancel call; requests already done keep
// their results) and Retry Failed Requests (the failed and expired ones, as a new provider batch or
// through the local queue, chosen in the same confirmation that shows what each way costs). Each
// takes the job's tree row, or asks with a picker of jobs when run from the palette.
import * as vscode from 'vscode';
import { isJobActive, type BatchJob } from '../../core/batches/batchJob';
import { jobSummaryText, summarizeJob } from '../../core/batches/batchJobText';
import type { ProviderBatches } from '../../core/batches/providerBatches';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId } from '../../shared/ids';
import { confirmBatchRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { phraseText } from '../../views/format/phraseText';

export interface ProviderBatchCommandServices {
  readonly batches: ProviderBatches;
  readonly engine: TaskEngine;
  readonly confirmation: RunConfirmationServices;
}

/** A job id from a tree row ({ kind: 'providerBatchJob', jobId }) or a plain id. */
function jobIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'providerBatchJob') {
    const id = (arg as { jobId?: unknown }).jobId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

async function resolveJob(s: ProviderBatchCommandServices, arg: unknown, fits: (job: BatchJob) => boolean, none: string, placeHolder: string): Promise<BatchJob | undefined> {
  const given = jobIdOf(arg);
  if (given !== undefined) {
    const job = s.batches.get(given);
    return job && fits(job) ? job : undefined;
  }
  const jobs = s.batches.list().filter(fits);
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: {0}', none));
    return undefined;
  }
  if (jobs.length === 1) return jobs[0];
  const picked = await vscode.window.showQuickPick(
    jobs.map((job) => ({ label: job.title, description: `${s.batches.label(job.providerId) ?? job.providerId} · ${phraseText(jobSummaryText(summarizeJob(job)))}`, detail: vscode.l10n.t('Submitted {0}', new Date(job.createdAt).toLocaleString()), job })),
    { placeHolder },
  );
  return picked?.job;
}

export function registerProviderBatchCommands(s: ProviderBatchCommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.cancelProviderBatch, async (arg: unknown): Promise<boolean> => {
      const job = await resolveJob(s, arg, isJobActive, vscode.l10n.t('no provider batch is running.'), vscode.l10n.t('Cancel which provider batch?'));
      if (!job) return false;
      const label = s.batches.label(job.providerId) ?? job.providerId;
      const waiting = s.batches.taskIds(job.id).filter((id) => s.engine.get(id)?.status === 'waiting').length;
      const confirm: vscode.MessageItem = { title: vscode.l10n.t('Cancel Provider Batch') };
      const detail = vscode.l10n.t('{0} request(s) without a result yet are cancelled at {1} (it can take a few minutes). Requests already done keep their results and are billed.', waiting.toLocaleString('en-US'), label);
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Cancel the {0} provider batch "{1}"?', label, job.title), { modal: true, detail }, confirm, { title: vscode.l10n.t('Keep Running'), isCloseAffordance: true });
      return choice === confirm && s.batches.cancel(job.id);
    }),
    vscode.commands.registerCommand(CommandId.retryProviderBatch, async (arg: unknown): Promise<readonly string[]> => {
      const job = await resolveJob(s, arg, (j) => s.batches.failedTasks(j.id).length > 0, vscode.l10n.t('no provider batch has failed requests to retry.'), vscode.l10n.t('Retry the failed requests of which provider batch?'));
      if (!job) return [];
      const failed = s.batches.failedTasks(job.id);
      const runs = failed.map((t) => ({ providerId: t.providerId, model: t.model, prompt: t.prompt, ...(t.systemPrompt !== undefined && { systemPrompt: t.systemPrompt }) }));
      const confirmed = await confirmBatchRuns(s.confirmation, runs, { batch: true, what: vscode.l10n.t('{0} failed request(s) of "{1}"', failed.length, job.title) });
      if (!confirmed) return [];
      // Prompts refused as too large for their model stay failed.
      const byPrompt = new Map(failed.map((t) => [t.prompt, t]));
      if (confirmed.mode === 'providerBatch') return s.batches.retryFailed(job.id, 'providerBatch', confirmed.runs.flatMap((run) => byPrompt.get(run.prompt)?.id ?? []));
      // Here: each as a Retry would (perhaps on the cheaper model offered).
      return confirmed.runs.flatMap((run) => {
        const task = byPrompt.get(run.prompt);
        return task ? (s.engine.retry(task.id, { model: run.model })?.id ?? []) : [];
      });
    }),
  ];
}
