// What the result commands need, and what each one reports back.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { TaskSource } from '../../core/domain/taskSource';
import type { LastEditor } from '../../host/results/lastEditor';
import type { ProposalDocuments } from '../../host/results/proposalDocuments';
import type { SelectionTracker } from '../../host/results/selectionTracker';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { resolveTask } from '../pickers/taskPicker';

export interface ResultServices {
  readonly engine: TaskEngine;
  readonly panel: OutputPanel;
  readonly tracker: SelectionTracker;
  readonly proposals: ProposalDocuments;
  readonly lastEditor: LastEditor;
}

/** What an action did, returned by its command (the integration tests read it). */
export interface ResultOutcome {
  /** The action changed something (copied, inserted, applied, opened). */
  readonly done: boolean;
  /** The sentence shown to the user. */
  readonly message: string;
  /** Which part of the answer was used, e.g. "its code block (typescript)". */
  readonly used?: string;
  /** The source changed in a way that could not be mapped: nothing was edited, the diff was shown. */
  readonly conflict?: boolean;
  /** The right side of the diff that was opened, if one was. */
  readonly diff?: string;
}

export const NOTHING: ResultOutcome = { done: false, message: '' };

/** Options a caller (the panel, a test) may pass as the second argument. Tree menus pass nodes there; those are ignored. */
export function blockOption(value: unknown): number | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'block' in value && typeof value.block === 'number') return value.block;
  return undefined;
}

/** The completed task an action is for: the tree row, an id, or picked from the palette. */
export async function completedTask(s: ResultServices, arg: unknown, placeHolder: string, needs?: TaskSource['kind'] | 'any-source'): Promise<Task | undefined> {
  const fits = (t: Task): boolean => t.status === 'completed' && (needs === undefined || (needs === 'any-source' ? t.source !== undefined : t.source?.kind === needs));
  const task = await resolveTask(s.engine, arg, ['completed'], placeHolder, fits);
  if (task && !fits(task)) {
    const why = task.status !== 'completed' ? vscode.l10n.t('it is {0}', task.status) : needs === 'selection' ? vscode.l10n.t('it was not run on a selection') : needs === 'file' ? vscode.l10n.t('it was not run on a file') : vscode.l10n.t('it has no source');
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: "{0}" cannot do that: {1}.', task.title, why));
    return undefined;
  }
  return task;
}

/** Says what happened, without waiting for the notification to be dismissed. */
export function report(outcome: ResultOutcome, level: 'info' | 'warning' = 'info'): ResultOutcome {
  if (outcome.message) {
    const text = vscode.l10n.t('AI Task Queue: {0}', outcome.message);
    void (level === 'warning' ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  }
  return outcome;
}
