// Typed access to the extension's settings; the rest of the code never reads configuration strings.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../commands/commandIds';
import { parsePriceOverrides } from '../core/priceOverrides';
import type { ModelPrice } from '../core/pricingTable';
import { PRIORITIES, type Priority } from '../shared/taskVocabulary';

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
  provider(providerId: string): ProviderSettings;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const priority = config.get<string>('defaultPriority', 'normal');
  const maxOutputTokens = config.get<number | null>('maxOutputTokens', null);
  return {
    concurrency: clampInt(config.get<number>('concurrency', 4), 1, 64),
    timeoutMs: clampInt(config.get<number>('timeoutSeconds', 300), 5, 3600) * 1000,
    defaultPriority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : 'normal',
    defaultProvider: config.get<string>('defaultProvider', 'openaiCompatible'),
    ...(typeof maxOutputTokens === 'number' && maxOutputTokens > 0 && { maxOutputTokens: Math.round(maxOutputTokens) }),
    pricing: parsePriceOverrides(config.get<unknown>('pricing', {})),
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
