// The status bar item: running and queued counts plus this session's spend, at a glance.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { ViewId } from '../../shared/ids';
import { formatCost } from '../format/taskFormat';

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

  constructor(
    private readonly engine: TaskEngine,
    /** How much slower than usual to update (1 normally; more while the host is under pressure). */
    private readonly pace: () => number = () => 1,
  ) {
    this.item.name = 'AI Task Queue';
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
    this.update();
    this.item.show();
  }

  dispose(): void {
    this.offEvents();
    this.offQueue();
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
    const { paused, throttled } = this.engine.queueState;
    const icon = paused ? '$(debug-pause)' : throttled ? '$(pulse)' : c.running > 0 ? '$(loading~spin)' : '$(checklist)';
    const spend = `${this.spendIncludesEstimates ? '≈' : ''}${formatCost(this.sessionSpend) ?? '$0'}`;
    const waiting = c.waiting > 0 ? ` · ${c.waiting} waiting` : '';
    this.item.text = `${icon} ${c.running} running${waiting} · ${c.queued} queued · ${spend}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**AI Task Queue**${paused ? ' — paused' : ''}\n\n`);
    if (throttled) md.appendMarkdown(`New tasks wait: the extension host is under pressure (${throttled}). Running tasks go on; they start again once it recovers.\n\n`);
    this.item.backgroundColor = throttled ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    md.appendMarkdown(`Running ${c.running} · Waiting for a provider ${c.waiting} · Queued ${c.queued} · Completed ${c.completed} · Failed ${c.failed} · Cancelled ${c.cancelled}\n\n`);
    md.appendMarkdown(`Spend this session: ${spend}${this.unknownPriceTasks ? ` (+${this.unknownPriceTasks} task(s) with unknown price)` : ''}`);
    if (this.spendIncludesEstimates) md.appendMarkdown('\n\n≈ includes estimated token counts for tasks whose provider reported no usage.');
    this.item.tooltip = md;
  }
}
