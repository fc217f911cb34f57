// Typed access to the extension's settings; the rest of the code never reads configuration strings.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../shared/ids';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../core/history/historyRetention';
import { parsePriceOverrides } from '../../core/usage/priceOverrides';
import { parseProviderLimits, type ProviderLimitsById } from '../../core/limits/providerLimits';
import type { ModelPrice } from '../../core/usage/pricingTable';
import type { BudgetLimits } from '../../core/usage/budgetMonitor';
import type { CostThresholds } from '../../core/usage/runGuard';
import type { ResponseCacheSettings } from '../../core/cache/responseCache';
import { PRIORITIES, type Priority } from '../../shared/taskVocabulary';

export interface ProviderSettings {
  readonly enabled: boolean;
  readonly baseUrl: string;
  readonly model: string;
}

export interface Settings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly defaultPriority: Priority;
  readonly defaultProvider: string;
  readonly maxOutputTokens?: number;
  /** Price overrides per model id or prefix, USD per 1M tokens. */
  readonly pricing: Readonly<Record<string, ModelPrice>>;
  /** Where the price overrides come from, for the statistics ("workspace" only in a trusted workspace). */
  readonly pricingScope: 'none' | 'user' | 'workspace';
  readonly costThresholds: CostThresholds;
  readonly budgets: BudgetLimits;
  readonly responseCache: ResponseCacheSettings;
  /** Re-run tasks interrupted by the last shutdown as soon as the window opens. */
  readonly resumeInterruptedOnStartup: boolean;
  readonly history: RetentionPolicy;
  /** Attempts per task, including the first (1–10). */
  readonly maxAttempts: number;
  /** Undefined when the idle timeout is off (setting 0). */
  readonly idleTimeoutMs?: number;
  /** Cap on one task's waits between attempts, together (and so on any single wait). */
  readonly maxRetryWaitMs: number;
  readonly providerLimits: ProviderLimitsById;
  readonly pauseOnFailure: boolean;
  provider(providerId: string): ProviderSettings;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const priority = config.get<string>('defaultPriority', 'normal');
  const maxOutputTokens = config.get<number | null>('maxOutputTokens', null);
  const idleTimeoutSeconds = clampInt(config.get<number>('idleTimeoutSeconds', 60), 0, 3600);
  return {
    concurrency: clampInt(config.get<number>('concurrency', 4), 1, 64),
    timeoutMs: clampInt(config.get<number>('timeoutSeconds', 300), 5, 3600) * 1000,
    defaultPriority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : 'normal',
    defaultProvider: config.get<string>('defaultProvider', 'openaiCompatible'),
    ...(typeof maxOutputTokens === 'number' && maxOutputTokens > 0 && { maxOutputTokens: Math.round(maxOutputTokens) }),
    pricing: parsePriceOverrides(config.get<unknown>('pricing', {})),
    pricingScope: pricingScope(config.inspect<unknown>('pricing')),
    costThresholds: {
      confirmAboveUsd: positive(config.get<number | null>('cost.confirmAboveUsd', 0.5)),
      confirmAboveTokens: positive(config.get<number | null>('cost.confirmAbovePromptTokens', 100_000)),
    },
    budgets: {
      ...optional('sessionUsd', positive(config.get<number | null>('budget.sessionUsd', null))),
      ...optional('dayUsd', positive(config.get<number | null>('budget.dailyUsd', null))),
      ...optional('batchUsd', positive(config.get<number | null>('budget.batchUsd', null))),
      warnAt: clampInt(config.get<number>('budget.warnAtPercent', 80), 1, 100) / 100,
    },
    responseCache: {
      enabled: config.get<boolean>('cache.enabled', true) !== false,
      ttlMs: Math.round(Math.min(720, Math.max(0.01, finiteOr(config.get<number>('cache.ttlHours', 24), 24))) * 3_600_000),
    },
    resumeInterruptedOnStartup: config.get<boolean>('resumeInterruptedOnStartup', false) === true,
    history: {
      maxAgeDays: clampInt(config.get<number>('history.maxAgeDays', DEFAULT_RETENTION.maxAgeDays), 1, 3650),
      maxTasks: clampInt(config.get<number>('history.maxTasks', DEFAULT_RETENTION.maxTasks), 1, 100_000),
    },
    maxAttempts: clampInt(config.get<number>('maxAttempts', 3), 1, 10),
    ...(idleTimeoutSeconds > 0 && { idleTimeoutMs: idleTimeoutSeconds * 1000 }),
    maxRetryWaitMs: clampInt(config.get<number>('maxRetryWaitSeconds', 60), 0, 3600) * 1000,
    providerLimits: parseProviderLimits(config.get<unknown>('providerLimits', {})),
    pauseOnFailure: config.get<boolean>('pauseOnFailure', false) === true,
    provider(providerId) {
      return {
        enabled: config.get<boolean>(`providers.${providerId}.enabled`, false),
        baseUrl: config.get<string>(`providers.${providerId}.baseUrl`, '').trim(),
        model: config.get<string>(`providers.${providerId}.model`, '').trim(),
      };
    },
  };
}

export function onSettingsChanged(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) listener((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
  });
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

function pricingScope(inspected: { workspaceValue?: unknown; workspaceFolderValue?: unknown; globalValue?: unknown } | undefined): Settings['pricingScope'] {
  const set = (value: unknown): boolean => typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  // In Restricted Mode VS Code ignores a workspace's value of a restricted setting such as this one.
  if (vscode.workspace.isTrusted && (set(inspected?.workspaceFolderValue) || set(inspected?.workspaceValue))) return 'workspace';
  return set(inspected?.globalValue) ? 'user' : 'none';
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
