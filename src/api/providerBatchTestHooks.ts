// Hooks for the integration tests of provider batches, present on the API only in
// ExtensionMode.Test (on AiTaskQueueTestApi, never the public API): launching runs the same code as
// "Run as Provider Batch" after its confirmation (a modal no test can answer), on prompts or on files
// as a batch of files does, and reading the jobs and their tree rows.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { BatchJob } from '../core/batches/batchJob';
import { titleFromPrompt } from '../core/launch/promptText';
import { fileTask } from '../host/results/taskSources';
import type { ProviderBatches } from '../core/batches/providerBatches';
import { launchRuns, type RunLaunchServices } from '../host/batches/launchRuns';
import type { ProviderBatchRowSnapshot, ProviderBatchSection } from '../views/tree/providerBatchSection';

export interface ProviderBatchTestServices {
  readonly batches: ProviderBatches;
  readonly launch: RunLaunchServices;
  readonly section: ProviderBatchSection;
}

export interface ProviderBatchTestHooks {
  /** One task per prompt, launched as provider batches; returns the jobs made and the task ids in prompt order. */
  launch(options: { readonly providerId: string; readonly model: string; readonly prompts: readonly string[]; readonly title?: string; readonly batchId?: string }): Promise<{ readonly jobIds: readonly string[]; readonly taskIds: readonly string[] }>;
  /** "Run Prompt on Files… (Batch)" answered with "Run as Provider Batch": one task per file, each remembering its file. */
  launchFiles(options: { readonly providerId: string; readonly model: string; readonly prompt: string; readonly uris: readonly vscode.Uri[] }): Promise<{ readonly batchId: string; readonly jobIds: readonly string[]; readonly taskIds: readonly string[] }>;
  /** Every job record, as saved (plain data). */
  jobs(): readonly BatchJob[];
  /** The rows of the tree's "Provider Batches" group. */
  tree(): readonly ProviderBatchRowSnapshot[];
  cancel(jobId: string): boolean;
  retryFailed(jobId: string, how: 'providerBatch' | 'local'): Promise<readonly string[]>;
}

export function createProviderBatchTestHooks(s: ProviderBatchTestServices): ProviderBatchTestHooks {
  return {
    async launch(options) {
      const inputs = options.prompts.map((prompt, i) => ({ title: `${options.title ?? 'batch'} #${i}`, prompt, providerId: options.providerId, model: options.model, priority: 'normal' as const, ...(options.batchId !== undefined && { batchId: options.batchId }) }));
      const taskIds = await launchRuns(s.launch, inputs, 'providerBatch', options.title ?? 'Integration batch');
      const jobIds = [...new Set(taskIds.flatMap((id) => s.launch.engine.get(id)?.external?.jobId ?? []))];
      return { jobIds, taskIds };
    },
    async launchFiles(options) {
      const batchId = randomUUID();
      const inputs = [];
      for (const uri of options.uris) {
        const doc = await vscode.workspace.openTextDocument(uri);
        const { prompt, source } = fileTask(options.prompt, uri, doc.getText(), doc.languageId);
        inputs.push({ title: `${titleFromPrompt(options.prompt)} — ${source.path}`, prompt, providerId: options.providerId, model: options.model, priority: 'normal' as const, instruction: options.prompt, source, batchId, batchKind: 'files' as const });
      }
      const taskIds = await launchRuns(s.launch, inputs, 'providerBatch', `${titleFromPrompt(options.prompt)} — ${inputs.length} files`);
      const jobIds = [...new Set(taskIds.flatMap((id) => s.launch.engine.get(id)?.external?.jobId ?? []))];
      return { batchId, jobIds, taskIds };
    },
    jobs: () => JSON.parse(JSON.stringify(s.batches.list())) as BatchJob[],
    tree: () => s.section.snapshot(),
    cancel: (jobId) => s.batches.cancel(jobId),
    retryFailed: (jobId, how) => s.batches.retryFailed(jobId, how),
  };
}
