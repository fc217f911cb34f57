// Typed access to the extension's settings; the rest of the code never reads configuration strings.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../shared/ids';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../core/history/historyRetention';
import { parsePriceOverrides } from '../../core/usage/priceOverrides';
import { parseProviderLimits, type ProviderLimitsById } from '../../core/limits/providerLimits';
import type { ModelPrice } from '../../core/usage/pricingTable';
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
  /** The tree shows batches and comparisons as one node each ("batch"), or every task under its status. */
  readonly treeGroupBy: 'batch' | 'status';
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
    treeGroupBy: config.get<string>('tree.groupBy', 'batch') === 'status' ? 'status' : 'batch',
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

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
