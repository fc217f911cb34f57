// Queues the tasks of a confirmed launch: here, in the local queue, or, when the user chose "Run as
// Provider Batch", as one provider batch job per provider that has a batch API (OpenAI,
// Anthropic). Runs on other providers, and runs the response cache can answer, still run here:
// nothing is sent (or paid for) twice.
import type { ProviderBatches } from '../../core/batches/providerBatches';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskInput } from '../../core/domain/taskModel';

/** Run here, in the local queue, or as provider batches (runs on providers without one still run here). */
export type RunMode = 'local' | 'providerBatch';

export interface RunLaunchServices {
  readonly engine: TaskEngine;
  readonly batches: ProviderBatches | undefined;
  /** A stored answer would serve this request (it then runs here, from the cache). */
  readonly isCached: (input: TaskInput) => boolean;
}

/** Submits the inputs as `mode` says; resolves with the task ids in input order. `title` names a provider batch job. */
export async function launchRuns(s: RunLaunchServices, inputs: readonly TaskInput[], mode: RunMode, title: string): Promise<string[]> {
  const ids: (string | undefined)[] = new Array(inputs.length);
  const groups = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    // A workflow's steps depend on each other's outputs: one request per task cannot carry it.
    const batchable = mode === 'providerBatch' && !input.steps && s.batches?.supports(input.providerId) === true && !s.isCached(input);
    if (!batchable) return;
    groups.set(input.providerId, [...(groups.get(input.providerId) ?? []), i]);
  });
  for (const [providerId, indexes] of groups) {
    const first = inputs[indexes[0]!]!;
    const runs = indexes.map((i) => {
      const { providerId: _provider, priority: _priority, batchId: _batch, fresh: _fresh, timeoutMs: _timeout, external: _external, ...run } = inputs[i]!;
      return run;
    });
    const { taskIds } = await s.batches!.launch({ providerId, title, runs, ...(first.priority !== undefined && { priority: first.priority }), ...(first.batchId !== undefined && { batchId: first.batchId }) });
    indexes.forEach((i, k) => (ids[i] = taskIds[k]));
  }
  return inputs.map((input, i) => ids[i] ?? s.engine.submit(input).id);
}
