// The question before a run is queued: a prompt larger than the model's context window is refused
// with the numbers; a batch shows its token count and cost range and asks; a single run asks only
// above the cost or size thresholds or when it could take a budget past its limit. The question
// names the figures and, when a cheaper model of the same provider would do, offers it. A batch
// whose runs are on OpenAI or Anthropic is also offered as a provider batch, with its cost at the
// providers' batch prices and the wait that comes with it. Cancelling queues nothing.
import * as vscode from 'vscode';
import type { BudgetRoom } from '../../core/usage/runGuard';
import { reasonsToConfirm } from '../../core/usage/runGuard';
import { addUpEstimates, atBatchPrices, contextOverflow, estimateRun, type BatchEstimate, type RunEstimate } from '../../core/usage/runEstimate';
import { modelLimitsFor } from '../../core/usage/modelLimits';
import type { PriceBook } from '../../core/usage/priceBook';
import type { CostEstimator, PlannedRun } from '../../host/cost/costEstimator';
import type { Settings } from '../../host/config/settings';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { RunMode } from '../../host/batches/launchRuns';
import { formatUsd } from '../../shared/formatUsd';
import { describeBatchCost, describeCountMethod, describeEstimate, describeOverflow, describeReason, num } from '../../views/format/costText';

export interface RunConfirmationServices {
  readonly estimator: CostEstimator;
  readonly settings: () => Settings;
  readonly priceBook: () => PriceBook;
  readonly catalog: ModelCatalog;
  /** Room left in each budget with a limit (the batch budget when `batch`). */
  readonly budgetRooms: (batch: boolean) => readonly BudgetRoom[];
  /** Providers whose own batch API can run a batch; absent where none is wired. */
  readonly providerBatches?: ProviderBatchOffer;
}

export interface ProviderBatchOffer {
  /** The provider runs batches (OpenAI, Anthropic), shown as e.g. "OpenAI"; undefined when it does not. */
  label(providerId: string): string | undefined;
  /** Provider batches the runs of one provider need by its limits, and how many runs are too large for any. */
  parts(providerId: string, runs: readonly PlannedRun[]): { readonly parts: number; readonly oversized: number } | undefined;
}


export interface ConfirmOptions {
  /** Several tasks launched together: always shown with their totals before anything is queued. */
  readonly batch: boolean;
  /** Offer "Run as Provider Batch" for a batch (default true; the setting can turn it off). */
  readonly offerProviderBatch?: boolean;
  /** What is being run, for the question: "113 files", "3 models". */
  readonly what?: string;
}

/** Up to this many runs of a batch are counted by the provider's own endpoint; larger batches count locally. */
const PROVIDER_COUNTED_RUNS = 20;

/** Returns the runs to queue (perhaps on a cheaper model, without the ones too large), or undefined to queue nothing. */
export async function confirmRuns<R extends PlannedRun>(s: RunConfirmationServices, runs: readonly R[], options: ConfirmOptions): Promise<readonly R[] | undefined> {
  return (await confirmBatchRuns(s, runs, { ...options, offerProviderBatch: false }))?.runs;
}

/** As confirmRuns, and how to run them: here, or as provider batches when a batch was offered as one and the user chose it. */
export async function confirmBatchRuns<R extends PlannedRun>(s: RunConfirmationServices, runs: readonly R[], options: ConfirmOptions): Promise<{ readonly runs: readonly R[]; readonly mode: RunMode } | undefined> {
  if (runs.length === 0) return { runs, mode: 'local' };
  const estimates = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AI Tasks: counting tokens') }, () => {
    const signal = AbortSignal.timeout(10_000);
    return Promise.all(runs.map((run) => (runs.length <= PROVIDER_COUNTED_RUNS ? s.estimator.exact(run, signal) : s.estimator.quick(run))));
  });
  const kept = await refuseOversized(s, runs, estimates);
  if (!kept) return undefined;
  const local = (chosen: readonly R[]): { runs: readonly R[]; mode: RunMode } => ({ runs: chosen, mode: 'local' });
  const batch = addUpEstimates(kept.estimates);
  const reasons = reasonsToConfirm(batch, s.settings().costThresholds, s.budgetRooms(options.batch));
  const allFree = batch.freeRuns === batch.runs;
  if (reasons.length === 0 && (!options.batch || allFree)) return local(kept.runs);
  const offer = options.batch && options.offerProviderBatch !== false && s.settings().providerBatch.offer ? providerBatchOffer(s, kept.runs, kept.estimates) : undefined;

  const sameModel = new Set(kept.runs.map((r) => `${r.providerId}\u0000${r.model}`)).size === 1;
  const cheaper = reasons.some((r) => r.kind !== 'size') && sameModel ? await cheaperModel(s, kept.estimates) : undefined;
  const first = kept.estimates[0]!;
  const what = options.what ? ` (${options.what})` : '';
  const title = !options.batch ? vscode.l10n.t('Run this prompt on {0}?', first.model) : sameModel ? vscode.l10n.t('Run {0} tasks{1} on {2}?', kept.runs.length, what, first.model) : vscode.l10n.t('Run {0} tasks{1}?', kept.runs.length, what);
  const detail = [
    options.batch ? vscode.l10n.t('{0} input tokens in all{1} · {2}', num(batch.inputTokens), batch.estimatedRuns > 0 ? ` (${batch.estimatedRuns === batch.runs ? vscode.l10n.t('estimated') : vscode.l10n.t('{0} estimated', batch.estimatedRuns)})` : '', describeBatchCost(batch)) : describeEstimate(first),
    ...(options.batch && sameModel ? [`${describeCountMethod(first.count)}; ${first.outputCap === undefined ? vscode.l10n.t('output cap unknown') : vscode.l10n.t('up to {0} output tokens per task', num(first.outputCap))}.`] : []),
    ...reasons.map(describeReason),
    ...(batch.overrideRuns > 0 ? [vscode.l10n.t('Prices come from your aiTaskQueue.pricing override.')] : []),
    ...(offer ? ['', offer.detail] : []),
  ].join('\n');
  const run: vscode.MessageItem = { title: options.batch ? vscode.l10n.t('Run {0} Tasks', kept.runs.length) : vscode.l10n.t('Run') };
  const asProviderBatch: vscode.MessageItem | undefined = offer && { title: vscode.l10n.t('Run as Provider Batch') };
  const useCheaper: vscode.MessageItem | undefined = cheaper && { title: vscode.l10n.t('Use {0} ({1})', cheaper.model, cheaper.range) };
  const cancel: vscode.MessageItem = { title: vscode.l10n.t('Cancel'), isCloseAffordance: true };
  const items = [run, ...(asProviderBatch ? [asProviderBatch] : []), ...(useCheaper ? [useCheaper] : []), cancel];
  const choice = await vscode.window.showWarningMessage<vscode.MessageItem>(title, { modal: true, detail }, ...items);
  if (choice === run) return local(kept.runs);
  if (asProviderBatch && choice === asProviderBatch) return { runs: kept.runs, mode: 'providerBatch' };
  if (useCheaper && choice === useCheaper && cheaper) return local(kept.runs.map((r) => ({ ...r, model: cheaper.model })));
  return undefined;
}

/**
 * What running the batch as provider batches would cost and take: the runs on providers with a
 * batch API at their batch prices, the rest as they are (they still run here). Undefined when no
 * run could go to a provider batch (or one is too large for it).
 */
function providerBatchOffer(s: RunConfirmationServices, runs: readonly PlannedRun[], estimates: readonly RunEstimate[]): { readonly detail: string; readonly estimate: BatchEstimate } | undefined {
  const offer = s.providerBatches;
  if (!offer) return undefined;
  const byProvider = new Map<string, PlannedRun[]>();
  runs.forEach((run, i) => {
    if (offer.label(run.providerId) === undefined || estimates[i]!.free) return;
    byProvider.set(run.providerId, [...(byProvider.get(run.providerId) ?? []), run]);
  });
  if (byProvider.size === 0) return undefined;
  let parts = 0;
  for (const [providerId, providerRuns] of byProvider) {
    const plan = offer.parts(providerId, providerRuns);
    if (!plan || plan.oversized > 0) return undefined;
    parts += plan.parts;
  }
  const atProvider = [...byProvider.values()].reduce((n, r) => n + r.length, 0);
  const estimate = addUpEstimates(estimates.map((e, i) => (byProvider.has(runs[i]!.providerId) && !e.free ? atBatchPrices(e) : e)));
  const labels = [...byProvider.keys()].map((id) => offer.label(id)!).join(vscode.l10n.t(' and '));
  const here = runs.length - atProvider;
  const detail = [
    vscode.l10n.t("Run as Provider Batch: {0} at {1}'s batch prices (50 % cheaper).", describeBatchCost(estimate), labels),
    vscode.l10n.t('Results within 24 h, usually sooner; the tasks wait at {0} meanwhile{1}.', labels, parts > 1 ? vscode.l10n.t(' ({0} provider batches, shown as one)', parts) : ''),
    ...(here > 0 ? [vscode.l10n.t('{0} task(s) run here as usual (another provider, or answered from the response cache).', here)] : []),
  ].join('\n');
  return { detail, estimate };
}

async function refuseOversized<R extends PlannedRun>(s: RunConfirmationServices, runs: readonly R[], estimates: readonly RunEstimate[]): Promise<{ runs: R[]; estimates: RunEstimate[] } | undefined> {
  const overflows = estimates.map((e) => contextOverflow(e, s.estimator.requestedOutputCap(e.providerId)));
  const bad = overflows.flatMap((o, i) => (o ? [{ o, i }] : []));
  if (bad.length === 0) return { runs: [...runs], estimates: [...estimates] };
  const worst = bad.reduce((a, b) => (b.o.inputTokens > a.o.inputTokens ? b : a));
  const certain = bad.every((b) => !b.o.estimated);
  const why = `${describeOverflow(worst.o, estimates[worst.i]!.model)} ${certain ? vscode.l10n.t('It would be refused by the provider, so it is not sent.') : vscode.l10n.t('The count is an estimate, so the provider may still accept it.')}`;
  if (runs.length === 1) {
    const anyway: vscode.MessageItem | undefined = certain ? undefined : { title: vscode.l10n.t('Send Anyway') };
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('The prompt is larger than the model accepts.'), { modal: true, detail: vscode.l10n.t('{0}\nSelect less text, or pick a model with a larger context window.', why) }, ...(anyway ? [anyway] : []));
    return choice && choice === anyway ? { runs: [...runs], estimates: [...estimates] } : undefined;
  }
  const keep = overflows.map((o) => !o);
  const skip: vscode.MessageItem = { title: vscode.l10n.t('Skip {0}, Run {1}', bad.length, runs.length - bad.length) };
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} of {1} prompts are larger than the model accepts.', bad.length, runs.length), { modal: true, detail: vscode.l10n.t('Largest: {0}', why) }, ...(bad.length < runs.length ? [skip] : []));
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
