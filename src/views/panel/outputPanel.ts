// Hosts the "AI Task Output" webview: shows one task at a time, streams its events as typed,
// sequence-numbered messages, and validates everything the webview sends back. The panel is
// restored after a reload by a serializer; it waits for the webview's "ready" before posting.
//
// There is never more than one panel, and it never shows a state the host no longer has: a second
// restored panel is closed, a tab left behind by a dead extension host is replaced by a fresh panel
// for the same task, and the shown task is re-sent when the history brings it back or removes it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskEvent } from '../../core/domain/taskEvents';
import type { HistoryChange } from '../../core/engine/historyChange';
import { CommandId, StorageKey, ViewId } from '../../shared/ids';
import type { Logger } from '../../host/logging/logger';
import { parsePersistedState, parseWebviewMessage, type HostMessage, type ResultAction, type WebviewMessage } from '../../shared/protocol';
import { createNonce, renderPanelHtml } from './panelHtml';
import { isShownTabOf, outputPanelTabs } from './panelTabs';
import { toTaskDetails, toTaskStateView, toTaskView, type TaskViewContext } from './taskViewMapper';

/** The command behind each result button of the panel. */
const RESULT_ACTION_COMMANDS: Readonly<Record<ResultAction, string>> = {
  copy: CommandId.copyResult,
  insertAtCursor: CommandId.insertResultAtCursor,
  replaceSelection: CommandId.replaceSelectionWithResult,
  openAsDocument: CommandId.openResultAsDocument,
  compareWithSource: CommandId.compareResultWithSource,
  applyToFile: CommandId.applyResultToFile,
};

/** Output deltas are batched per frame so a fast stream costs one message per interval, not per token. */
const OUTPUT_FLUSH_MS = 40;
/**
 * How long a shown tab of ours may wait to be handed to us before it counts as an orphan. VS Code
 * restores a shown panel right after the serializer is registered; a dead host's tab never comes.
 */
const ORPHAN_GRACE_MS = 1_500;
const TITLE = vscode.l10n.t('AI Task Output');

export interface OutputPanelOptions {
  /** Where the shown task's id is kept, so a new extension host can show it again. */
  readonly state: vscode.Memento;
  /** Sees every message posted to the webview; only test mode passes one (nothing is kept otherwise). */
  readonly onPost?: (message: HostMessage) => void;
  /** How much slower than usual to send output (1 normally; more while the host is under pressure). */
  readonly pace?: () => number;
}

export class OutputPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private taskId: string | undefined;
  private ready = false;
  private pendingText = '';
  private pendingSeq = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private orphanTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Tells the webview which extension host numbered the events it is sent (see task/snapshot). */
  private readonly hostInstance = randomUUID();
  private readonly shownChanged = new vscode.EventEmitter<void>();
  /** The shown task changed, or the panel opened or closed (the keybindings' context follows it). */
  readonly onDidChangeShownTask = this.shownChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: TaskEngine,
    private readonly viewContext: TaskViewContext,
    private readonly log: Logger,
    private readonly options: OutputPanelOptions,
  ) {
    const off = engine.events.on((event) => this.onTaskEvent(event));
    const offHistory = engine.onHistoryChange((change) => this.onHistoryChange(change));
    this.disposables.push(
      this.shownChanged,
      { dispose: off },
      { dispose: offHistory },
      vscode.window.registerWebviewPanelSerializer(ViewId.outputPanel, {
        deserializeWebviewPanel: async (panel, state) => {
          // A panel was opened before VS Code got round to restoring this one: keep one.
          if (this.panel && this.panel !== panel) {
            panel.dispose();
            return;
          }
          this.adopt(panel, parsePersistedState(state)?.taskId ?? this.rememberedTaskId());
        },
      }),
      vscode.window.tabGroups.onDidChangeTabs(() => this.checkOrphansSoon()),
    );
  }

  /** Opens (or reveals) the panel showing `taskId`. */
  show(taskId: string): void {
    if (!this.panel) {
      // A tab of ours VS Code has not handed over (not restored yet, or left by a dead host) would
      // become a second panel beside this one: close it, and open ours where it was.
      const stale = outputPanelTabs();
      const column = stale[0]?.group.viewColumn ?? vscode.ViewColumn.Beside;
      if (stale.length > 0) void vscode.window.tabGroups.close(stale, true);
      const panel = vscode.window.createWebviewPanel(ViewId.outputPanel, TITLE, { viewColumn: column, preserveFocus: true }, this.webviewOptions());
      this.adopt(panel, taskId);
      return;
    }
    this.panel.reveal(undefined, true);
    this.switchTo(taskId);
  }

  get shownTaskId(): string | undefined {
    return this.taskId;
  }

  /** The task an open panel shows (undefined while no panel is open). */
  get openTaskId(): string | undefined {
    return this.panel ? this.taskId : undefined;
  }

  /** The editor tabs holding an output panel of ours, whether VS Code handed them to us or not. */
  openTabs(): vscode.Tab[] {
    return outputPanelTabs();
  }

  /** Call once the history is loaded: replaces a panel a previous extension host left behind. */
  reconnect(): void {
    this.checkOrphansSoon();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.orphanTimer) clearTimeout(this.orphanTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private rememberedTaskId(): string | undefined {
    return this.options.state.get<string>(StorageKey.panelTaskId);
  }

  private remember(taskId: string | undefined): void {
    if (taskId !== this.rememberedTaskId()) void this.options.state.update(StorageKey.panelTaskId, taskId);
  }

  private checkOrphansSoon(): void {
    if (this.orphanTimer || !outputPanelTabs().some((tab) => tab.isActive && !isShownTabOf(tab, this.panel))) return;
    this.orphanTimer = setTimeout(() => {
      this.orphanTimer = undefined;
      this.replaceOrphans();
    }, ORPHAN_GRACE_MS);
  }

  /**
   * A shown tab of ours that is not our panel, still, after the grace period: its extension host is
   * gone and it shows a state nobody updates (a task "running" that no longer runs). Close it; when
   * we have no panel, open a fresh one in its place for the task it showed.
   */
  private replaceOrphans(): void {
    const orphans = outputPanelTabs().filter((tab) => tab.isActive && !isShownTabOf(tab, this.panel));
    if (orphans.length === 0) return;
    const column = orphans[0]!.group.viewColumn;
    this.log.info(`replacing ${orphans.length} output panel(s) left by a previous extension host`);
    void vscode.window.tabGroups.close(orphans, true);
    if (this.panel) return;
    const taskId = this.rememberedTaskId();
    const panel = vscode.window.createWebviewPanel(ViewId.outputPanel, TITLE, { viewColumn: column, preserveFocus: true }, this.webviewOptions());
    this.adopt(panel, taskId && this.engine.get(taskId) ? taskId : undefined);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, taskId: string | undefined): void {
    this.panel = panel;
    this.ready = false;
    this.taskId = taskId;
    this.remember(taskId);
    this.shownChanged.fire();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-icon.svg');
    panel.webview.options = this.webviewOptions();
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js'));
    panel.webview.html = renderPanelHtml({ cspSource: panel.webview.cspSource, scriptUri: scriptUri.toString(), nonce: createNonce(), title: TITLE, l10nBundle: vscode.l10n.bundle, language: vscode.env.language });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          this.log.warn('ignored a malformed message from the output panel');
          return;
        }
        this.onWebviewMessage(message);
      }),
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
          this.shownChanged.fire();
        }
      }),
    ];
  }

  private onWebviewMessage(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendSnapshot();
        return;
      case 'cancel':
        this.engine.cancel(message.taskId);
        return;
      case 'retry': {
        const next = this.engine.retry(message.taskId);
        if (next) this.switchTo(next.id);
        return;
      }
      case 'rate':
        // Ratings belong to finished tasks; the engine refuses anything else. The panel hears of
        // the new rating through the history change, as it does for one given in the tree.
        this.engine.rate(message.taskId, message.rating === 'none' ? undefined : message.rating);
        return;
      case 'result':
        void vscode.commands.executeCommand(RESULT_ACTION_COMMANDS[message.action], message.taskId);
        return;
    }
  }

  private switchTo(taskId: string): void {
    this.flushOutput();
    this.taskId = taskId;
    this.remember(taskId);
    this.shownChanged.fire();
    this.sendSnapshot();
  }

  /**
   * The history brought the shown task back (it loads after a restored panel asked), removed it,
   * or it was rated. A rating comes after the terminal event, so it goes out as its own message:
   * a snapshot with the same sequence number would be dropped by the webview as a duplicate.
   */
  private onHistoryChange(change: HistoryChange): void {
    const shown = this.taskId;
    if (!shown) return;
    if (change.type === 'updated') {
      const task = change.tasks.find((t) => t.id === shown);
      if (task && this.ready) this.post({ type: 'task/rated', taskId: shown, ...(task.rating && { rating: task.rating }) });
      return;
    }
    const concerned = change.type === 'restored' ? change.tasks.some((t) => t.id === shown) : change.taskIds.includes(shown);
    if (concerned) this.sendSnapshot();
  }

  private sendSnapshot(): void {
    if (!this.ready) return;
    const task = this.taskId ? this.engine.get(this.taskId) : undefined;
    if (!task) {
      this.post({ type: 'panel/empty' });
      return;
    }
    this.pendingText = '';
    this.post({ type: 'task/snapshot', seq: this.engine.events.lastSeq(task.id), host: this.hostInstance, task: toTaskView(task, this.viewContext) });
  }

  private onTaskEvent(event: TaskEvent): void {
    if (!this.panel || !this.ready || event.taskId !== this.taskId) return;
    // The runner never puts text and a status line in one event: text goes out as output, a
    // status line (countdown) as state.
    if (event.type === 'progress' && event.text !== undefined && !event.restart && !event.detail) {
      this.pendingText += event.text;
      this.pendingSeq = event.seq;
      this.flushTimer ??= setTimeout(() => this.flushOutput(false), OUTPUT_FLUSH_MS * (this.options.pace?.() ?? 1));
      return;
    }
    // State changes must never overtake output that came before them.
    this.flushOutput();
    const task = this.engine.get(event.taskId);
    if (!task) return;
    // A workflow step began: a snapshot carries the finished steps' outputs and the log.
    if (event.type === 'progress' && event.restart && event.step !== undefined && event.attempt === undefined) {
      this.sendSnapshot();
      return;
    }
    if (event.type === 'progress' && event.restart) {
      this.post({ type: 'task/details', taskId: task.id, ...toTaskDetails(task, this.viewContext) });
      this.post({
        type: 'task/output',
        taskId: task.id,
        seq: event.seq,
        text: this.viewContext.redact(event.text ?? ''),
        restart: true,
        ...(event.attempt !== undefined && { attempt: event.attempt }),
        ...(event.step !== undefined && { step: event.step }),
      });
      return;
    }
    this.post({ type: 'task/state', taskId: task.id, seq: event.seq, state: toTaskStateView(task, this.viewContext) });
    // After a failed attempt and at the end, the log (and a workflow's outputs) have something new.
    if (event.type === 'completed' || event.type === 'failed' || event.type === 'cancelled') this.post({ type: 'task/details', taskId: task.id, ...toTaskDetails(task, this.viewContext) });
  }

  /**
   * Sends buffered output. A timer flush waits while the buffer ends in what could be the start of
   * a key (the next chunk re-arms the timer), so a key streamed across two batches is still
   * redacted whole; any state change forces the buffer out, since the stream has then ended or
   * restarted. The buffer always goes out in one message carrying its newest event's seq.
   */
  private flushOutput(force = true): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pendingText || !this.taskId) return;
    if (!force && this.viewContext.safeLength(this.pendingText) < this.pendingText.length) return;
    const text = this.pendingText;
    this.pendingText = '';
    const task = this.engine.get(this.taskId);
    const live = task && this.viewContext.liveUsage?.(task);
    this.post({ type: 'task/output', taskId: this.taskId, seq: this.pendingSeq, text: this.viewContext.redact(text), ...(live && { estimate: { usage: { ...live.usage }, costUsd: live.costUsd } }) });
  }

  private post(message: HostMessage): void {
    if (!this.panel) return;
    this.options.onPost?.(message);
    void this.panel.webview.postMessage(message);
  }
}
