// Decides whether a run needs a question first: above the cost or prompt-size thresholds from the
// settings, or when it could take a budget past its limit. Pure: the adapters ask the question.
import type { BatchEstimate } from './runEstimate';

export interface CostThresholds {
  /** Ask when a run (or a batch, in total) could cost more than this; undefined = never. */
  readonly confirmAboveUsd: number | undefined;
  /** Ask when one prompt has more input tokens than this; undefined = never. */
  readonly confirmAboveTokens: number | undefined;
}

export type BudgetWindow = 'session' | 'day' | 'batch';

export interface BudgetRoom {
  readonly window: BudgetWindow;
  readonly limitUsd: number;
  readonly spentUsd: number;
}

export type ConfirmReason =
  | { readonly kind: 'cost'; readonly usd: number; readonly thresholdUsd: number; readonly upperBound: boolean }
  | { readonly kind: 'size'; readonly tokens: number; readonly thresholdTokens: number }
  | { readonly kind: 'budget'; readonly window: BudgetWindow; readonly usd: number; readonly leftUsd: number; readonly limitUsd: number };

/** The most the run may cost as far as anyone can tell: the top of the range, or its input part when the output cap is unknown. */
export function worstKnownCost(batch: BatchEstimate): { readonly usd: number; readonly upperBound: boolean } {
  return batch.highUsd === undefined ? { usd: batch.lowUsd, upperBound: false } : { usd: batch.highUsd, upperBound: true };
}

export function reasonsToConfirm(batch: BatchEstimate, thresholds: CostThresholds, budgets: readonly BudgetRoom[] = []): ConfirmReason[] {
  const reasons: ConfirmReason[] = [];
  const worst = worstKnownCost(batch);
  if (thresholds.confirmAboveUsd !== undefined && worst.usd > thresholds.confirmAboveUsd) {
    reasons.push({ kind: 'cost', usd: worst.usd, thresholdUsd: thresholds.confirmAboveUsd, upperBound: worst.upperBound });
  }
  if (thresholds.confirmAboveTokens !== undefined && batch.largestInputTokens > thresholds.confirmAboveTokens) {
    reasons.push({ kind: 'size', tokens: batch.largestInputTokens, thresholdTokens: thresholds.confirmAboveTokens });
  }
  for (const room of budgets) {
    const left = Math.max(0, room.limitUsd - room.spentUsd);
    if (worst.usd > 0 && worst.usd > left) reasons.push({ kind: 'budget', window: room.window, usd: worst.usd, leftUsd: left, limitUsd: room.limitUsd });
  }
  return reasons;
}
