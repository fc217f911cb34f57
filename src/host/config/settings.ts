// Typed access to the extension's settings; the rest of the code never reads configuration strings.
// The checking is in settingsValues.ts (plain Node); this file only reads VS Code's configuration.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../shared/ids';
import { parseAllSettings, type ProviderSettings, type Settings, type SettingProblem } from './settingsValues';

export type { ProviderSettings, Settings, SettingProblem };

export interface SettingsRead {
  readonly settings: Settings;
  /** Values that could not be used as written; the composition root shows each once. */
  readonly problems: readonly SettingProblem[];
}

export function readSettings(): SettingsRead {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const { settings: values, problems } = parseAllSettings((key) => config.get<unknown>(key));
  const settings: Settings = { ...values, pricingScope: pricingScope(config.inspect<unknown>('pricing')) };
  return { settings, problems };
}

export function onSettingsChanged(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) listener((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
  });
}

function pricingScope(inspected: { workspaceValue?: unknown; workspaceFolderValue?: unknown; globalValue?: unknown } | undefined): Settings['pricingScope'] {
  const set = (value: unknown): boolean => typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  // In Restricted Mode VS Code ignores a workspace's value of a restricted setting such as this one.
  if (vscode.workspace.isTrusted && (set(inspected?.workspaceFolderValue) || set(inspected?.workspaceValue))) return 'workspace';
  return set(inspected?.globalValue) ? 'user' : 'none';
}
