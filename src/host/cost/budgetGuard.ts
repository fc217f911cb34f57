// Budgets that stop spending. Every usage event is counted in the session, today's ledger (shared
// by all windows, kept on disk) and its batch; at the warning threshold a notification says so,
// at a limit the queue pauses (queued tasks stay queued, running ones finish) and a notification
// offers to raise the limit or resume. The arithmetic is core/usage/budgetMonitor.ts.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { BudgetMonitor, type BudgetAlert, type BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { SpendLedger, SpendTotal } from '../../core/usage/spendLedger';
import type { SpendLedgerFile } from '../../persistence/spendLedgerFile';
import { formatUsd, formatUsdLimit as money } from '../../shared/formatUsd';
import type { Logger } from '../logging/logger';
import type { Settings } from '../config/settings';
import { verbatim } from '../../core/domain/phrase';

const WINDOW_TEXT = { session: vscode.l10n.t('this window session'), day: vscode.l10n.t('today'), batch: vscode.l10n.t('the batch') } as const;
const SETTING_OF = { session: 'aiTaskQueue.budget.sessionUsd', day: 'aiTaskQueue.budget.dailyUsd', batch: 'aiTaskQueue.budget.batchUsd' } as const;
/** Other windows' spend is picked up this often (and before every check of our own). */
const REFRESH_MS = 30_000;

export interface BudgetGuardOptions {
  readonly engine: TaskEngine;
  readonly ledger: SpendLedger;
  readonly file: SpendLedgerFile | undefined;
  readonly settings: () => Settings;
  readonly log: Logger;
  readonly now?: () => number;
}

export class BudgetGuard implements vscode.Disposable {
  readonly monitor: BudgetMonitor;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly offEvents: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: BudgetGuardOptions) {
    this.monitor = new BudgetMonitor({ clock: { now: options.now ?? Date.now }, ledger: options.ledger, limits: () => options.settings().budgets });
    this.offEvents = options.engine.events.on((event) => {
      if (event.type !== 'usage') return;
      const task = options.engine.get(event.taskId);
      // An answer from the response cache spent nothing.
      if (task?.cached) return;
      if (task?.batchId !== undefined) this.seedBatch(task.batchId, event.taskId);
      const spend = { usd: event.costUsd, estimated: event.usage.estimated, ...(task?.batchId !== undefined && { batchId: task.batchId }) };
      this.handle(this.monitor.record(spend));
      void options.file?.append({ at: event.at, usd: event.costUsd, estimated: event.usage.estimated }).catch((error: unknown) => options.log.error('could not save spend to the ledger', error));
    });
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref?.();
  }

  /** Loads the ledger (today's spend from earlier sessions and other windows) and pauses if a limit is already reached. */
  async start(): Promise<void> {
    try {
      for (const entry of (await this.options.file?.load()) ?? []) this.options.ledger.add(entry);
    } catch (error) {
      this.options.log.error('could not read the spend ledger; today starts from this session', error);
    }
    this.recheck();
  }

  /** Limits changed (or the day turned): judge them afresh. */
  recheck(): void {
    this.handle(this.monitor.check());
    this.changed.fire();
  }

  statuses(): BudgetWindowStatus[] {
    return this.monitor.statuses();
  }

  month(): SpendTotal {
    return this.options.ledger.month((this.options.now ?? Date.now)());
  }

  dispose(): void {
    this.offEvents();
    clearInterval(this.timer);
    this.changed.dispose();
  }

  private async refresh(): Promise<void> {
    const file = this.options.file;
    if (!file) return;
    try {
      for (const entry of await file.readNew()) this.options.ledger.add(entry);
      // Also how a new day is noticed: today's window starts empty and the status bar follows.
      this.recheck();
    } catch (error) {
      this.options.log.error('could not read other windows’ spend', error);
    }
  }

  /** A batch restored from history counts what it spent before this session. */
  private seedBatch(batchId: string, exceptTaskId: string): void {
    const earlier = this.options.engine.list().filter((t) => t.batchId === batchId && t.id !== exceptTaskId && t.usage && !t.cached);
    let usd = 0;
    let estimatedUsd = 0;
    let unpricedRuns = 0;
    for (const t of earlier) {
      if (typeof t.costUsd !== 'number') unpricedRuns += t.costUsd === null ? 1 : 0;
      else {
        usd += t.costUsd;
        if (t.usage?.estimated) estimatedUsd += t.costUsd;
      }
    }
    this.monitor.seedBatch(batchId, { usd, estimatedUsd, unpricedRuns });
  }

  private handle(alerts: readonly BudgetAlert[]): void {
    for (const alert of alerts) {
      const spent = `${alert.estimated ? '≈' : ''}${formatUsd(alert.spentUsd)}`;
      const estimatedNote = alert.estimated ? vscode.l10n.t(' (≈: part of it is estimated from token counts the provider did not report)') : '';
      if (alert.level === 'warning') {
        this.options.log.info(`budget: ${alert.window} at ${spent} of ${money(alert.limitUsd)}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0} of the {1} budget for {2} is spent{3}.', spent, money(alert.limitUsd), WINDOW_TEXT[alert.window], estimatedNote));
        continue;
      }
      // The pause comes first: a notification waits for the user, spending must not.
      // Already in words (the window's language): the pause reason is never stored.
      this.options.engine.pause(verbatim(vscode.l10n.t('the {0} budget for {1} is reached', money(alert.limitUsd), WINDOW_TEXT[alert.window])));
      this.options.log.warn(`budget: ${alert.window} limit ${money(alert.limitUsd)} reached (${spent}); queue paused`);
      void this.askAtLimit(alert, spent, estimatedNote);
    }
    if (alerts.length > 0) this.changed.fire();
  }

  private async askAtLimit(alert: BudgetAlert, spent: string, estimatedNote: string): Promise<void> {
    const { queued } = this.options.engine.counts();
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('AI Task Queue paused: the {0} budget for {1} is reached ({2} spent{3}). {4} queued task(s) wait; running ones finish.', money(alert.limitUsd), WINDOW_TEXT[alert.window], spent, estimatedNote, queued),
      vscode.l10n.t('Raise Limit…'),
      vscode.l10n.t('Resume Anyway'),
    );
    if (choice === vscode.l10n.t('Raise Limit…')) await vscode.commands.executeCommand('workbench.action.openSettings', SETTING_OF[alert.window]);
    if (choice === vscode.l10n.t('Resume Anyway')) {
      this.monitor.runPastLimit(alert.window, alert.batchId);
      this.options.engine.resume();
      this.changed.fire();
    }
  }
}
