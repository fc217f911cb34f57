// The estimate line under the prompt box, for one run or for all the runs a batch will make.
import * as l10n from '@vscode/l10n';
import type { CostEstimator, PlannedRun } from '../../host/cost/costEstimator';
import { addUpEstimates } from '../../core/usage/runEstimate';
import { describeBatchCost, describeEstimate, num } from '../../views/format/costText';

export async function estimateLine(estimator: CostEstimator, runs: readonly PlannedRun[]): Promise<string | undefined> {
  if (runs.length === 0) return undefined;
  const estimates = await Promise.all(runs.map((run) => estimator.quick(run)));
  if (estimates.length === 1) return describeEstimate(estimates[0]!);
  const batch = addUpEstimates(estimates);
  const estimated = batch.estimatedRuns > 0 ? '≈ ' : '';
  return l10n.t('{0} tasks: {1}{2} input tokens · {3}', runs.length, estimated, num(batch.inputTokens), describeBatchCost(batch));
}
