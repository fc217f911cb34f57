// Hooks for the integration tests of provider batches, present on the API only in
// ExtensionMode.Test: launching runs the same code as "Run as Provider Batch" after its
// confirmation (which is a modal no test can answer), and reading the jobs and their tree rows.
import type { BatchJob } from '../core/batches/batchJob';
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
    jobs: () => JSON.parse(JSON.stringify(s.batches.list())) as BatchJob[],
    tree: () => s.section.snapshot(),
    cancel: (jobId) => s.batches.cancel(jobId),
    retryFailed: (jobId, how) => s.batches.retryFailed(jobId, how),
  };
}
