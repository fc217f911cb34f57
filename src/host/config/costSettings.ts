// The cost-control settings (thresholds that ask first, budgets, the response cache), read from
// any key → value function so they are unit-testable without vscode. Anything not a positive
// number turns a limit off rather than guessing one.
import type { ResponseCacheSettings } from '../../core/cache/responseCache';
import type { BudgetLimits } from '../../core/usage/budgetMonitor';
import type { CostThresholds } from '../../core/usage/runGuard';

export interface CostSettings {
  readonly costThresholds: CostThresholds;
  readonly budgets: BudgetLimits;
  readonly responseCache: ResponseCacheSettings;
}

export function parseCostSettings(read: (key: string) => unknown): CostSettings {
  const or = (key: string, fallback: unknown): unknown => read(key) ?? fallback;
  return {
    costThresholds: {
      confirmAboveUsd: positive(or('cost.confirmAboveUsd', 0.5)),
      confirmAboveTokens: positive(or('cost.confirmAbovePromptTokens', 100_000)),
    },
    budgets: {
      ...optional('sessionUsd', positive(read('budget.sessionUsd'))),
      ...optional('dayUsd', positive(read('budget.dailyUsd'))),
      ...optional('batchUsd', positive(read('budget.batchUsd'))),
      warnAt: Math.min(100, Math.max(1, Math.round(finiteOr(or('budget.warnAtPercent', 80), 80)))) / 100,
    },
    responseCache: {
      enabled: or('cache.enabled', true) !== false,
      ttlMs: Math.round(Math.min(720, Math.max(0.01, finiteOr(or('cache.ttlHours', 24), 24))) * 3_600_000),
    },
  };
}

/** A positive finite number, or undefined (off) for null, 0, negatives and anything not a number. */
function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
