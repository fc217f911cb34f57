// The prompt box's "Time limit" row: a limit for one task, in seconds, within the range the
// "aiTaskQueue.timeoutSeconds" setting allows; empty goes back to the setting.
import * as vscode from 'vscode';
import { INT_SETTINGS } from '../../host/config/settingsValues';

const { min, max } = INT_SETTINGS.timeoutSeconds;

/** "300 s (the default)", "45 s". */
export function describeTimeLimit(timeoutMs: number | undefined, defaultMs: number | undefined): string {
  if (timeoutMs === undefined) return defaultMs === undefined ? vscode.l10n.t('the default') : vscode.l10n.t('{0} s (the default)', Math.round(defaultMs / 1000));
  return `${Math.round(timeoutMs / 1000)} s`;
}

/** The limit typed, in ms; 'default' when emptied; undefined when the box was dismissed. */
export async function askTimeLimit(currentMs: number | undefined, defaultMs: number | undefined): Promise<number | 'default' | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Time limit for this task'),
    prompt: vscode.l10n.t('Seconds from its first attempt, retries included ({0}–{1}). Empty uses the default{2} ("aiTaskQueue.timeoutSeconds").', min, max, defaultMs === undefined ? '' : `, ${Math.round(defaultMs / 1000)} s`),
    value: currentMs === undefined ? '' : String(Math.round(currentMs / 1000)),
    validateInput: (v) => timeLimitProblem(v),
  });
  if (typed === undefined) return undefined;
  if (!typed.trim()) return 'default';
  return Number(typed.trim()) * 1000;
}

export function timeLimitProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) return vscode.l10n.t('Type a whole number of seconds.');
  const n = Number(text);
  return n < min || n > max ? vscode.l10n.t('Between {0} and {1} seconds.', min, max) : undefined;
}
