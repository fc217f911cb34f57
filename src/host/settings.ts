// Typed access to the extension's settings; the rest of the code never reads configuration strings.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../commands/commandIds';
import { PRIORITIES, type Priority } from '../shared/taskVocabulary';

export interface ProviderSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly maxOutputTokens?: number;
}

export interface Settings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly defaultPriority: Priority;
  readonly defaultProvider: string;
  provider(providerId: string): ProviderSettings;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const priority = config.get<string>('defaultPriority', 'normal');
  return {
    concurrency: clampInt(config.get<number>('concurrency', 4), 1, 64),
    timeoutMs: clampInt(config.get<number>('timeoutSeconds', 300), 5, 3600) * 1000,
    defaultPriority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : 'normal',
    defaultProvider: config.get<string>('defaultProvider', 'openaiCompatible'),
    provider(providerId) {
      const maxOutputTokens = config.get<number | null>(`providers.${providerId}.maxOutputTokens`, null);
      return {
        baseUrl: config.get<string>(`providers.${providerId}.baseUrl`, ''),
        model: config.get<string>(`providers.${providerId}.model`, ''),
        ...(typeof maxOutputTokens === 'number' && maxOutputTokens > 0 && { maxOutputTokens }),
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
