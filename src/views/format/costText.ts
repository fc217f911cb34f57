// Words for estimates, budgets and confirmations, shared by the prompt box, the confirmation
// dialogs, the status bar and the statistics. Imports no vscode; unit-tested in plain Node.
import type { BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { BatchEstimate, ContextOverflow, RunEstimate } from '../../core/usage/runEstimate';
import type { BudgetWindow, ConfirmReason } from '../../core/usage/runGuard';
import type { TokenCount } from '../../core/usage/promptTokenCounter';
import { formatUsd, formatUsdLimit as money } from '../../shared/formatUsd';

export function num(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1,234 input tokens (o200k_base tokenizer)", "(counted by Anthropic)", "≈ 310 input tokens (estimate, ≈ 4 characters per token)". */
export function describeCount(count: TokenCount): string {
  if (count.method === 'estimate') return `≈ ${num(count.tokens)} input tokens (estimate, ${count.source})`;
  if (count.method === 'provider') return `${num(count.tokens)} input tokens (counted by ${count.source})`;
  return `${num(count.tokens)} input tokens (${count.source})`;
}

/** How the tokens were counted, as a sentence start: "Counted with the o200k_base tokenizer". */
export function describeCountMethod(count: TokenCount): string {
  if (count.method === 'estimate') return `Estimated at ${count.source}`;
  return count.method === 'provider' ? `Counted by ${count.source}` : `Counted with the ${count.source}`;
}

/** The money part of one run's estimate. */
export function describeCost(e: RunEstimate): string {
  if (e.cached) return 'cached answer, $0 (Run Fresh sends it anyway)';
  if (e.free) return 'free (local model)';
  if (e.lowUsd === null || e.highUsd === null) return 'price unknown';
  const override = e.priceSource === 'override' ? ' · price from your pricing override' : '';
  if (e.highUsd === undefined) return `${formatUsd(e.lowUsd)} for the input, plus output (the model's output cap is unknown)${override}`;
  return `${formatUsd(e.lowUsd)} – ${formatUsd(e.highUsd)} (input, up to ${num(e.outputCap ?? 0)} output tokens)${override}`;
}

export function describeEstimate(e: RunEstimate): string {
  return `${describeCount(e.count)} · ${describeCost(e)}`;
}

export function describeBatchCost(b: BatchEstimate): string {
  const parts: string[] = [];
  const priced = b.runs - b.unknownPriceRuns;
  if (priced > 0) parts.push(b.highUsd === undefined ? `${formatUsd(b.lowUsd)} for the input, plus output (some output caps are unknown)` : `${formatUsd(b.lowUsd)} – ${formatUsd(b.highUsd)}`);
  if (b.unknownPriceRuns > 0) parts.push(`${b.unknownPriceRuns} task(s) price unknown`);
  if (b.freeRuns > 0) parts.push(`${b.freeRuns} free (local or cached)`);
  return parts.join(' · ');
}

export function describeOverflow(o: ContextOverflow, model: string): string {
  const room = o.reservedOutput > 0 ? `${num(o.contextWindow)} tokens, ${num(o.reservedOutput)} of them reserved for the answer` : `${num(o.contextWindow)} tokens`;
  return `The prompt has ${o.estimated ? 'about ' : ''}${num(o.inputTokens)} input tokens; ${model}'s context window holds ${room}.`;
}

const WINDOW_NAMES: Readonly<Record<BudgetWindow, string>> = { session: 'this window session', day: 'today', batch: 'this batch' };

export function describeReason(r: ConfirmReason): string {
  switch (r.kind) {
    case 'cost':
      return `It could cost ${r.upperBound ? 'up to ' : 'at least '}${formatUsd(r.usd)}, above your ${money(r.thresholdUsd)} confirmation threshold.`;
    case 'size':
      return `A prompt has ${num(r.tokens)} input tokens, above your ${num(r.thresholdTokens)}-token threshold.`;
    case 'budget':
      return `It could cost up to ${formatUsd(r.usd)}, but only ${formatUsd(r.leftUsd)} of the ${money(r.limitUsd)} budget for ${WINDOW_NAMES[r.window]} is left; the queue pauses at the limit.`;
  }
}

/** "Today: $1.20 of $5.00 (24 %)", with ≈ when part of it rests on estimated token counts. */
export function describeBudget(status: BudgetWindowStatus): string {
  const name = status.window === 'day' ? 'Today' : status.window === 'session' ? 'This session' : 'This batch';
  const spent = `${status.spent.estimatedUsd > 0 ? '≈' : ''}${formatUsd(status.spent.usd)}`;
  const unpriced = status.spent.unpricedRuns > 0 ? ` (+${status.spent.unpricedRuns} unpriced)` : '';
  if (status.limitUsd === undefined) return `${name}: ${spent}${unpriced}`;
  const percent = Math.floor((status.spent.usd / status.limitUsd) * 100);
  const state = status.level === 'reached' ? ' — limit reached' : status.level === 'warning' ? ' — near the limit' : '';
  return `${name}: ${spent} of ${money(status.limitUsd)} (${percent} %)${unpriced}${state}`;
}
