// Words for estimates, budgets and confirmations, shared by the prompt box, the confirmation
// dialogs, the status bar and the statistics. Imports no vscode; unit-tested in plain Node, so the
// sentences go through @vscode/l10n, which activate() points at VS Code's bundle.
import * as l10n from '@vscode/l10n';
import type { BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { BatchEstimate, ContextOverflow, RunEstimate } from '../../core/usage/runEstimate';
import type { BudgetWindow, ConfirmReason } from '../../core/usage/runGuard';
import type { TokenCount } from '../../core/usage/promptTokenCounter';
import { formatUsd, formatUsdLimit as money } from '../../shared/formatUsd';
import { argText } from './phraseText';

export function num(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1,234 input tokens (o200k_base tokenizer)", "(counted by Anthropic)", "≈ 310 input tokens (estimate, ≈ 4 characters per token)". */
export function describeCount(count: TokenCount): string {
  if (count.method === 'estimate') return l10n.t('≈ {0} input tokens (estimate, {1})', num(count.tokens), argText(count.source));
  if (count.method === 'provider') return l10n.t('{0} input tokens (counted by {1})', num(count.tokens), argText(count.source));
  return l10n.t('{0} input tokens ({1})', num(count.tokens), argText(count.source));
}

/** How the tokens were counted, as a sentence start: "Counted with the o200k_base tokenizer". */
export function describeCountMethod(count: TokenCount): string {
  if (count.method === 'estimate') return l10n.t('Estimated at {0}', argText(count.source));
  return count.method === 'provider' ? l10n.t('Counted by {0}', argText(count.source)) : l10n.t('Counted with the {0}', argText(count.source));
}

/** The money part of one run's estimate. */
export function describeCost(e: RunEstimate): string {
  if (e.cached) return l10n.t('cached answer, $0 (Run Fresh sends it anyway)');
  if (e.free) return l10n.t('free (local model)');
  if (e.lowUsd === null || e.highUsd === null) return l10n.t('price unknown');
  const override = e.priceSource === 'override' ? ` · ${l10n.t('price from your pricing override')}` : '';
  if (e.highUsd === undefined) return `${l10n.t("{0} for the input, plus output (the model's output cap is unknown)", formatUsd(e.lowUsd))}${override}`;
  return `${l10n.t('{0} – {1} (input, up to {2} output tokens)', formatUsd(e.lowUsd), formatUsd(e.highUsd), num(e.outputCap ?? 0))}${override}`;
}

export function describeEstimate(e: RunEstimate): string {
  return `${describeCount(e.count)} · ${describeCost(e)}`;
}

export function describeBatchCost(b: BatchEstimate): string {
  const parts: string[] = [];
  const priced = b.runs - b.unknownPriceRuns;
  if (priced > 0) parts.push(b.highUsd === undefined ? l10n.t('{0} for the input, plus output (some output caps are unknown)', formatUsd(b.lowUsd)) : `${formatUsd(b.lowUsd)} – ${formatUsd(b.highUsd)}`);
  if (b.unknownPriceRuns > 0) parts.push(b.unknownPriceRuns === 1 ? l10n.t('1 task(s) price unknown') : l10n.t('{0} task(s) price unknown', b.unknownPriceRuns));
  if (b.freeRuns > 0) parts.push(l10n.t('{0} free (local or cached)', b.freeRuns));
  return parts.join(' · ');
}

export function describeOverflow(o: ContextOverflow, model: string): string {
  const room = o.reservedOutput > 0 ? l10n.t('{0} tokens, {1} of them reserved for the answer', num(o.contextWindow), num(o.reservedOutput)) : l10n.t('{0} tokens', num(o.contextWindow));
  return o.estimated
    ? l10n.t("The prompt has about {0} input tokens; {1}'s context window holds {2}.", num(o.inputTokens), model, room)
    : l10n.t("The prompt has {0} input tokens; {1}'s context window holds {2}.", num(o.inputTokens), model, room);
}

const windowName = (w: BudgetWindow): string => (w === 'session' ? l10n.t('this window session') : w === 'day' ? l10n.t('today') : l10n.t('this batch'));

export function describeReason(r: ConfirmReason): string {
  switch (r.kind) {
    case 'cost':
      return r.upperBound
        ? l10n.t('It could cost up to {0}, above your {1} confirmation threshold.', formatUsd(r.usd), money(r.thresholdUsd))
        : l10n.t('It could cost at least {0}, above your {1} confirmation threshold.', formatUsd(r.usd), money(r.thresholdUsd));
    case 'size':
      return l10n.t('A prompt has {0} input tokens, above your {1}-token threshold.', num(r.tokens), num(r.thresholdTokens));
    case 'budget':
      return l10n.t('It could cost up to {0}, but only {1} of the {2} budget for {3} is left; the queue pauses at the limit.', formatUsd(r.usd), formatUsd(r.leftUsd), money(r.limitUsd), windowName(r.window));
  }
}

/** "Today: $1.20 of $5.00 (24 %)", with ≈ when part of it rests on estimated token counts. */
export function describeBudget(status: BudgetWindowStatus): string {
  const name = status.window === 'day' ? l10n.t('Today') : status.window === 'session' ? l10n.t('This session') : l10n.t('This batch');
  const spent = `${status.spent.estimatedUsd > 0 ? '≈' : ''}${formatUsd(status.spent.usd)}`;
  const unpriced = status.spent.unpricedRuns > 0 ? ` ${l10n.t('(+{0} unpriced)', status.spent.unpricedRuns)}` : '';
  if (status.limitUsd === undefined) return `${l10n.t('{0}: {1}', name, spent)}${unpriced}`;
  const percent = Math.floor((status.spent.usd / status.limitUsd) * 100);
  const state = status.level === 'reached' ? ` — ${l10n.t('limit reached')}` : status.level === 'warning' ? ` — ${l10n.t('near the limit')}` : '';
  return `${l10n.t('{0}: {1} of {2} ({3} %)', name, spent, money(status.limitUsd), percent)}${unpriced}${state}`;
}
