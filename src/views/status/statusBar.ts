// The status bar item: running and queued counts plus this session's spend, at a glance.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { ViewId } from '../../shared/ids';
import { formatCost } from '../format/taskFormat';
import type { BudgetLevel, BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { SpendTotal } from '../../core/usage/spendLedger';
import { describeBudget } from '../format/costText';
import { formatUsd } from '../../shared/formatUsd';
import { statusBarAccessibleLabel } from '../format/accessibleText';
import { phraseText } from '../format/phraseText';

/** Budget figures for the tooltip: session and today against their limits, and this month. */
export interface SpendSource {
  statuses(): readonly BudgetWindowStatus[];
  month(): SpendTotal;
  readonly onDidChange: vscode.Event<void>;
}

const UPDATE_INTERVAL_MS = 250;

export class QueueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiTaskQueue.status', vscode.StatusBarAlignment.Left, 50);
  private sessionSpend = 0;
  private unknownPriceTasks = 0;
  /** Part of the spend came from estimated token counts (no usage reported), so it is approximate. */
  private spendIncludesEstimates = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly offEvents: () => void;
  private readonly offQueue: () => void;
  private readonly offSpend: vscode.Disposable | undefined;

  constructor(
    private readonly engine: TaskEngine,
    private readonly spendSource?: SpendSource,
    /** How much slower than usual to update (1 normally; more while the host is under pressure). */
    private readonly pace: () => number = () => 1,
  ) {
    this.item.name = vscode.l10n.t('AI Task Queue');
    this.item.command = `${ViewId.tasks}.focus`;
    this.offEvents = engine.events.on((event) => {
      if (event.type === 'usage') {
        if (event.costUsd === null) this.unknownPriceTasks += 1;
        else {
          this.sessionSpend += event.costUsd;
          if (event.usage.estimated && event.costUsd > 0) this.spendIncludesEstimates = true;
        }
      }
      this.schedule();
    });
    this.offQueue = engine.onQueueState(() => this.update());
    this.offSpend = spendSource?.onDidChange(() => this.schedule());
    this.update();
    this.item.show();
  }

  dispose(): void {
    this.offEvents();
    this.offQueue();
    this.offSpend?.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_INTERVAL_MS * this.pace());
  }

  private update(): void {
    const c = this.engine.counts();
    const state = this.engine.queueState;
    const { paused } = state;
    const throttled = state.throttled && phraseText(state.throttled);
    const pauseReason = state.pauseReason && phraseText(state.pauseReason);
    const budgets = this.spendSource?.statuses() ?? [];
    const level = worstLevel(budgets);
    const icon = paused ? '$(debug-pause)' : throttled ? '$(pulse)' : c.running > 0 ? '$(loading~spin)' : '$(checklist)';
    const spend = `${this.spendIncludesEstimates ? '≈' : ''}${formatCost(this.sessionSpend) ?? '$0'}`;
    const waiting = c.waiting > 0 ? ` · ${vscode.l10n.t('{0} waiting', c.waiting)}` : '';
    const counts = vscode.l10n.t('{0} running{1} · {2} queued · {3}', c.running, waiting, c.queued, spend);
    this.item.text = `${icon}${paused ? ` ${vscode.l10n.t('Paused')} ·` : ''} ${counts}${level === 'ok' ? '' : ' $(warning)'}`;
    this.item.backgroundColor = level === 'reached' || throttled ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    // The text holds codicons ($(…)) and the tooltip Markdown: a screen reader gets a plain sentence.
    this.item.accessibilityInformation = {
      label: statusBarAccessibleLabel({ ...c, paused, ...(pauseReason !== undefined && { pauseReason }), ...(throttled !== undefined && { throttled }), spend, budget: level }),
      role: 'button',
    };
    const product = `**${vscode.l10n.t('AI Task Queue')}**`;
    md.appendMarkdown(`${paused ? vscode.l10n.t('{0} — paused: {1}', product, pauseReason ?? vscode.l10n.t('new tasks do not start')) : product}\n\n`);
    if (throttled) md.appendMarkdown(`${vscode.l10n.t('New tasks wait: the extension host is under pressure ({0}). Running tasks go on; they start again once it recovers.', throttled)}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Running {0} · Waiting for a provider {1} · Queued {2} · Completed {3} · Failed {4} · Cancelled {5}', c.running, c.waiting, c.queued, c.completed, c.failed, c.cancelled)}\n\n`);
    const unknown = this.unknownPriceTasks === 1 ? vscode.l10n.t(' (+1 task(s) with unknown price)') : vscode.l10n.t(' (+{0} task(s) with unknown price)', this.unknownPriceTasks);
    md.appendMarkdown(vscode.l10n.t('Spend this session: {0}{1}', spend, this.unknownPriceTasks ? unknown : ''));
    if (budgets.length > 0) {
      md.appendMarkdown(`\n\n${budgets.map((b) => describeBudget(b)).join('  \n')}`);
      const month = this.spendSource?.month();
      if (month) md.appendMarkdown(`  \n${vscode.l10n.t('This month: {0}', `${month.estimatedUsd > 0 ? '≈' : ''}${formatUsd(month.usd)}`)}`);
    }
    if (this.spendIncludesEstimates) md.appendMarkdown(`\n\n${vscode.l10n.t('≈ includes estimated token counts for tasks whose provider reported no usage.')}`);
    this.item.tooltip = md;
  }
}

function worstLevel(statuses: readonly BudgetWindowStatus[]): BudgetLevel {
  if (statuses.some((s) => s.level === 'reached')) return 'reached';
  return statuses.some((s) => s.level === 'warning') ? 'warning' : 'ok';
}
