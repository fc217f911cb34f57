// The question before a run is queued: a prompt larger than the model's context window is refused
// with the numbers; a batch shows its token count and cost range and asks; a single run asks only
// above the cost or size thresholds or when it could take a budget past its limit. The question
// names the figures and, when a cheaper model of the same provider would do, offers it.
// Cancelling queues nothing.
import * as vscode from 'vscode';
import type { BudgetRoom } from '../../core/usage/runGuard';
import { reasonsToConfirm } from '../../core/usage/runGuard';
import { addUpEstimates, contextOverflow, estimateRun, type RunEstimate } from '../../core/usage/runEstimate';
import { modelLimitsFor } from '../../core/usage/modelLimits';
import type { PriceBook } from '../../core/usage/priceBook';
import type { CostEstimator, PlannedRun } from '../../host/cost/costEstimator';
import type { Settings } from '../../host/config/settings';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import { formatUsd } from '../../shared/formatUsd';
import { describeBatchCost, describeCountMethod, describeEstimate, describeOverflow, describeReason, num } from '../../views/format/costText';

export interface RunConfirmationServices {
  readonly estimator: CostEstimator;
  readonly settings: () => Settings;
  readonly priceBook: () => PriceBook;
  readonly catalog: ModelCatalog;
  /** Room left in each budget with a limit (the batch budget when `batch`). */
  readonly budgetRooms: (batch: boolean) => readonly BudgetRoom[];
}

export interface ConfirmOptions {
  /** Several tasks launched together: always shown with their totals before anything is queued. */
  readonly batch: boolean;
  /** What is being run, for the question: "113 files", "3 models". */
  readonly what?: string;
}

/** Up to this many runs of a batch are counted by the provider's own endpoint; larger batches count locally. */
const PROVIDER_COUNTED_RUNS = 20;

/** Returns the runs to queue (perhaps on a cheaper model, without the ones too large), or undefined to queue nothing. */
export async function confirmRuns<R extends PlannedRun>(s: RunConfirmationServices, runs: readonly R[], options: ConfirmOptions): Promise<readonly R[] | undefined> {
  if (runs.length === 0) return runs;
  const estimates = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AI Tasks: counting tokens' }, () => {
    const signal = AbortSignal.timeout(10_000);
    return Promise.all(runs.map((run) => (runs.length <= PROVIDER_COUNTED_RUNS ? s.estimator.exact(run, signal) : s.estimator.quick(run))));
  });
  const kept = await refuseOversized(s, runs, estimates);
  if (!kept) return undefined;
  const batch = addUpEstimates(kept.estimates);
  const reasons = reasonsToConfirm(batch, s.settings().costThresholds, s.budgetRooms(options.batch));
  const allFree = batch.freeRuns === batch.runs;
  if (reasons.length === 0 && (!options.batch || allFree)) return kept.runs;

  const sameModel = new Set(kept.runs.map((r) => `${r.providerId}\u0000${r.model}`)).size === 1;
  const cheaper = reasons.some((r) => r.kind !== 'size') && sameModel ? await cheaperModel(s, kept.estimates) : undefined;
  const first = kept.estimates[0]!;
  const title = options.batch ? `Run ${kept.runs.length} tasks${options.what ? ` (${options.what})` : ''}${sameModel ? ` on ${first.model}` : ''}?` : `Run this prompt on ${first.model}?`;
  const detail = [
    options.batch ? `${num(batch.inputTokens)} input tokens in all${batch.estimatedRuns > 0 ? ` (${batch.estimatedRuns === batch.runs ? 'estimated' : `${batch.estimatedRuns} estimated`})` : ''} · ${describeBatchCost(batch)}` : describeEstimate(first),
    ...(options.batch && sameModel ? [`${describeCountMethod(first.count)}; ${first.outputCap === undefined ? 'output cap unknown' : `up to ${num(first.outputCap)} output tokens per task`}.`] : []),
    ...reasons.map(describeReason),
    ...(batch.overrideRuns > 0 ? ['Prices come from your aiTaskQueue.pricing override.'] : []),
  ].join('\n');
  const run: vscode.MessageItem = { title: options.batch ? `Run ${kept.runs.length} Tasks` : 'Run' };
  const useCheaper: vscode.MessageItem | undefined = cheaper && { title: `Use ${cheaper.model} (${cheaper.range})` };
  const cancel: vscode.MessageItem = { title: 'Cancel', isCloseAffordance: true };
  const choice = await vscode.window.showWarningMessage<vscode.MessageItem>(title, { modal: true, detail }, ...(useCheaper ? [run, useCheaper, cancel] : [run, cancel]));
  if (choice === run) return kept.runs;
  if (useCheaper && choice === useCheaper && cheaper) return kept.runs.map((r) => ({ ...r, model: cheaper.model }));
  return undefined;
}

async function refuseOversized<R extends PlannedRun>(s: RunConfirmationServices, runs: readonly R[], estimates: readonly RunEstimate[]): Promise<{ runs: R[]; estimates: RunEstimate[] } | undefined> {
  const overflows = estimates.map((e) => contextOverflow(e, s.estimator.requestedOutputCap(e.providerId)));
  const bad = overflows.flatMap((o, i) => (o ? [{ o, i }] : []));
  if (bad.length === 0) return { runs: [...runs], estimates: [...estimates] };
  const worst = bad.reduce((a, b) => (b.o.inputTokens > a.o.inputTokens ? b : a));
  const certain = bad.every((b) => !b.o.estimated);
  const why = `${describeOverflow(worst.o, estimates[worst.i]!.model)} ${certain ? 'It would be refused by the provider, so it is not sent.' : 'The count is an estimate, so the provider may still accept it.'}`;
  if (runs.length === 1) {
    const anyway: vscode.MessageItem | undefined = certain ? undefined : { title: 'Send Anyway' };
    const choice = await vscode.window.showErrorMessage('The prompt is larger than the model accepts.', { modal: true, detail: `${why}\nSelect less text, or pick a model with a larger context window.` }, ...(anyway ? [anyway] : []));
    return choice && choice === anyway ? { runs: [...runs], estimates: [...estimates] } : undefined;
  }
  const keep = overflows.map((o) => !o);
  const skip: vscode.MessageItem = { title: `Skip ${bad.length}, Run ${runs.length - bad.length}` };
  const choice = await vscode.window.showErrorMessage(`${bad.length} of ${runs.length} prompts are larger than the model accepts.`, { modal: true, detail: `Largest: ${why}` }, ...(bad.length < runs.length ? [skip] : []));
  if (choice !== skip) return undefined;
  return { runs: runs.filter((_, i) => keep[i]), estimates: estimates.filter((_, i) => keep[i]) };
}

/** The same provider's cheapest priced model that fits every prompt and costs clearly less, from the live model list. */
async function cheaperModel(s: RunConfirmationServices, estimates: readonly RunEstimate[]): Promise<{ model: string; range: string } | undefined> {
  const first = estimates[0]!;
  const current = addUpEstimates(estimates);
  const currentHigh = current.highUsd ?? current.lowUsd;
  if (first.free || first.lowUsd === null) return undefined;
  const groups = await Promise.race([s.catalog.list(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000))]);
  const models = groups?.find((g) => g.entry.id === first.providerId)?.models ?? [];
  const book = s.priceBook();
  const cap = s.estimator.requestedOutputCap(first.providerId);
  let best: { model: string; high: number; low: number } | undefined;
  for (const { id } of models) {
    if (id === first.model || !book.priceFor(id)) continue;
    const again = estimates.map((e) => estimateRun({ providerId: e.providerId, model: id, count: e.count, pricing: { price: book.priceFor(id), priceSource: book.priceSource(id), local: false, unpriced: false }, limits: modelLimitsFor(id), ...(cap !== undefined && { requestedOutputCap: cap }) }));
    if (again.some((e) => contextOverflow(e, cap))) continue;
    const total = addUpEstimates(again);
    const high = total.highUsd ?? total.lowUsd;
    if (high < currentHigh * 0.8 && (!best || high < best.high)) best = { model: id, high, low: total.lowUsd };
  }
  return best && { model: best.model, range: `${formatUsd(best.low)} – ${formatUsd(best.high)}` };
}
