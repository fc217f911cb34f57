// Keeps the context keys of ContextKey (shared/ids.ts) in step with the tasks: the palette hides a
// command with nothing to act on, and the keybindings for Cancel, Retry and Delete are only live
// where the focused row or the output panel's task allows them. Counts come from the engine (kept
// per change, never a scan); the selection is at most a few rows.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import { isTerminal } from '../../core/domain/taskModel';
import type { BatchIndex } from '../../core/results/batchIndex';
import { ContextKey } from '../../shared/ids';
import type { TaskTreeNode } from '../tree/taskTreeItems';

const SYNC_DELAY_MS = 100;

export interface ContextSources {
  readonly engine: TaskEngine;
  readonly batches: BatchIndex;
  readonly view: vscode.TreeView<TaskTreeNode>;
  /** The task the output panel shows, and when that changes. */
  readonly panelTaskId: () => string | undefined;
  readonly onPanelTaskChange: vscode.Event<void>;
}

export const isCancellable = (t: Task): boolean => t.status === 'queued' || t.status === 'waiting' || t.status === 'running';
export const isRetryable = (t: Task): boolean => t.status === 'failed' || t.status === 'cancelled';

export class TaskContextKeys implements vscode.Disposable {
  private readonly sent = new Map<string, boolean>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: (() => void)[] = [];

  constructor(private readonly s: ContextSources) {
    const later = (): void => this.schedule();
    const disposables = [s.view.onDidChangeSelection(later), s.onPanelTaskChange(later)];
    this.subscriptions.push(s.engine.events.on(later), s.engine.onTaskChange(later), s.engine.onHistoryChange(later), s.batches.onChange(later), () => disposables.forEach((d) => d.dispose()));
    this.sync();
  }

  /** Tasks the keyboard shortcuts act on: the tree's selected task rows. */
  selectedTasks(): Task[] {
    return this.s.view.selection.flatMap((node) => (node.kind === 'task' ? (this.s.engine.get(node.taskId) ?? []) : []));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((off) => off());
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.sync();
    }, SYNC_DELAY_MS);
  }

  private sync(): void {
    const c = this.s.engine.counts();
    const selected = this.selectedTasks();
    const panelId = this.s.panelTaskId();
    const panelTask = panelId !== undefined ? this.s.engine.get(panelId) : undefined;
    const values: Record<string, boolean> = {
      [ContextKey.hasTasks]: Object.values(c).some((n) => n > 0),
      [ContextKey.hasCancellable]: c.queued + c.waiting + c.running > 0,
      [ContextKey.hasRetryable]: c.failed + c.cancelled > 0,
      [ContextKey.hasFinished]: c.completed + c.failed + c.cancelled > 0,
      [ContextKey.hasCompleted]: c.completed > 0,
      [ContextKey.hasBatches]: this.s.batches.batchIds().length > 0,
      [ContextKey.selectionCancellable]: selected.some(isCancellable),
      [ContextKey.selectionRetryable]: selected.some(isRetryable),
      [ContextKey.selectionRemovable]: selected.some((t) => isTerminal(t.status)),
      [ContextKey.panelCancellable]: panelTask !== undefined && isCancellable(panelTask),
      [ContextKey.panelRetryable]: panelTask !== undefined && isRetryable(panelTask),
    };
    // A completed task proves a provider answered: the walkthrough's connect step is done too.
    if (c.completed > 0) values[ContextKey.providerConfigured] = true;
    for (const [key, value] of Object.entries(values)) {
      if (this.sent.get(key) === value) continue;
      this.sent.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }
}

/** Sets a walkthrough step's context key (they only ever turn on). */
export function markProgress(key: (typeof ContextKey)['providerChosen' | 'providerConfigured' | 'batchReviewed']): void {
  void vscode.commands.executeCommand('setContext', key, true);
}
