// Hosts the results views: one webview panel per batch or comparison. Each waits for its
// webview's "ready", sends a snapshot, then only the rows whose tasks changed, coalesced; row
// additions (a Retry Failed) and removals send a fresh snapshot. Messages from the webview are
// validated and ignored when they do not parse.
import * as vscode from 'vscode';
import type { Task } from '../../core/domain/taskModel';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { BatchIndex } from '../../core/results/batchIndex';
import { CommandId, ViewId } from '../../shared/ids';
import type { Logger } from '../../host/logging/logger';
import { parseResultsState, parseResultsWebviewMessage, type ResultsHostMessage, type ResultsWebviewMessage } from '../../shared/resultsProtocol';
import { createNonce, renderPanelHtml } from '../panel/panelHtml';
import type { TaskViewContext } from '../panel/taskViewMapper';
import { toBatchHeader, toResultRow } from './resultRows';

/** At most one update message per batch view in this interval. */
const UPDATE_INTERVAL_MS = 250;
/** Kept for tests; comparison rows carry whole outputs, so not many. */
const MAX_RECORDED = 200;

interface View {
  readonly panel: vscode.WebviewPanel;
  readonly batchId: string;
  ready: boolean;
  readonly dirty: Set<string>;
  /** Members changed (added or removed): the next flush is a snapshot. */
  reshape: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface ResultsPanelsServices {
  readonly extensionUri: vscode.Uri;
  readonly engine: TaskEngine;
  readonly batches: BatchIndex;
  readonly viewContext: TaskViewContext;
  readonly log: Logger;
  /** Opens a task's output (a row was clicked). */
  readonly showTask: (taskId: string) => void;
}

export class ResultsPanels implements vscode.Disposable {
  private readonly views = new Map<string, View>();
  private readonly recorded: ResultsHostMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly s: ResultsPanelsServices) {
    const offEvents = s.engine.events.on((event) => {
      const view = this.viewForTask(event.taskId);
      if (!view) return;
      if (event.type === 'queued') view.reshape = true;
      view.dirty.add(event.taskId);
      this.schedule(view);
    });
    const offHistory = s.engine.onHistoryChange((change) => {
      if (change.type === 'updated') {
        this.postRatings(change.tasks);
        return;
      }
      for (const view of this.views.values()) {
        view.reshape = true;
        this.schedule(view);
      }
    });
    this.disposables.push(
      { dispose: offEvents },
      { dispose: offHistory },
      vscode.window.registerWebviewPanelSerializer(ViewId.resultsPanel, {
        deserializeWebviewPanel: async (panel, state) => {
          const batchId = parseResultsState(state)?.batchId;
          if (batchId) this.adopt(panel, batchId);
          else panel.dispose();
        },
      }),
    );
  }

  show(batchId: string): void {
    const existing = this.views.get(batchId);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return;
    }
    const title = this.s.batches.summary(batchId)?.title ?? vscode.l10n.t('Results');
    const panel = vscode.window.createWebviewPanel(ViewId.resultsPanel, vscode.l10n.t('Results: {0}', title), vscode.ViewColumn.Active, this.options());
    this.adopt(panel, batchId);
  }

  /** Every message posted to a results view this session (for tests). */
  postedMessages(): readonly ResultsHostMessage[] {
    return this.recorded;
  }

  dispose(): void {
    for (const view of this.views.values()) {
      if (view.timer) clearTimeout(view.timer);
      view.panel.dispose();
    }
    this.disposables.forEach((d) => d.dispose());
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.s.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel, batchId: string): void {
    const view: View = { panel, batchId, ready: false, dirty: new Set(), reshape: false, timer: undefined };
    this.views.get(batchId)?.panel.dispose();
    this.views.set(batchId, view);
    const summary = this.s.batches.summary(batchId);
    panel.title = vscode.l10n.t('Results: {0}', summary?.title ?? vscode.l10n.t('batch'));
    panel.iconPath = vscode.Uri.joinPath(this.s.extensionUri, 'media', 'activity-icon.svg');
    panel.webview.options = this.options();
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.s.extensionUri, 'dist', 'webview', 'results.js'));
    panel.webview.html = renderPanelHtml({ cspSource: panel.webview.cspSource, scriptUri: scriptUri.toString(), nonce: createNonce(), title: panel.title, l10nBundle: vscode.l10n.bundle, language: vscode.env.language });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseResultsWebviewMessage(raw);
        if (!message) {
          this.s.log.warn('ignored a malformed message from a results view');
          return;
        }
        this.onMessage(view, message);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (view.timer) clearTimeout(view.timer);
        if (this.views.get(batchId) === view) this.views.delete(batchId);
      }),
    ];
  }

  private onMessage(view: View, message: ResultsWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        view.ready = true;
        this.flush(view, true);
        return;
      case 'openTask':
        if (this.s.batches.tasksOf(view.batchId).some((t) => t.id === message.taskId)) this.s.showTask(message.taskId);
        return;
      case 'retryFailed':
        void vscode.commands.executeCommand(CommandId.retryFailedInBatch, view.batchId);
        return;
      case 'cancelBatch':
        void vscode.commands.executeCommand(CommandId.cancelBatch, view.batchId);
        return;
      case 'reviewChanges':
        void vscode.commands.executeCommand(CommandId.reviewBatchChanges, view.batchId);
        return;
      case 'rate':
        // Only a task of this view's batch; the engine refuses a task that is not completed. The
        // view hears of the new rating through the history change, like the panel and the tree.
        if (this.s.batches.tasksOf(view.batchId).some((t) => t.id === message.taskId)) this.s.engine.rate(message.taskId, message.rating === 'none' ? undefined : message.rating);
        return;
    }
  }

  /** Ratings changed (here, in the panel or in the tree): each view showing one of the tasks is told. */
  private postRatings(tasks: readonly Task[]): void {
    for (const task of tasks) {
      const view = task.batchId === undefined ? undefined : this.views.get(task.batchId);
      if (view?.ready) this.post(view, { type: 'results/rated', taskId: task.id, ...(task.rating && { rating: task.rating }) });
    }
  }

  private viewForTask(taskId: string): View | undefined {
    const batchId = this.s.engine.get(taskId)?.batchId;
    return batchId === undefined ? undefined : this.views.get(batchId);
  }

  private schedule(view: View): void {
    if (!view.ready) return;
    view.timer ??= setTimeout(() => this.flush(view, false), UPDATE_INTERVAL_MS);
  }

  private flush(view: View, snapshot: boolean): void {
    if (view.timer) clearTimeout(view.timer);
    view.timer = undefined;
    const summary = this.s.batches.summary(view.batchId);
    if (!summary) {
      this.post(view, { type: 'results/missing', batchId: view.batchId });
      return;
    }
    const full = snapshot || view.reshape;
    // A copy: the set is cleared next, and an update must still carry the rows that changed.
    const ids = full ? undefined : new Set(view.dirty);
    view.dirty.clear();
    view.reshape = false;
    const rows = summary.members.filter((t) => !ids || ids.has(t.id)).map((t) => toResultRow(t, summary, this.s.engine.events.lastSeq(t.id), this.s.viewContext));
    const batch = toBatchHeader(summary, this.s.viewContext);
    this.post(view, full ? { type: 'results/snapshot', batch, rows } : { type: 'results/update', batch, rows });
  }

  private post(view: View, message: ResultsHostMessage): void {
    if (this.recorded.length >= MAX_RECORDED) this.recorded.shift();
    this.recorded.push(message);
    void view.panel.webview.postMessage(message);
  }
}
