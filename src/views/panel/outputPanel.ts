// Hosts the "AI Task Output" webview: shows one task at a time, streams its events as typed,
// sequence-numbered messages, and validates everything the webview sends back. The panel is
// restored after a reload by a serializer; it waits for the webview's "ready" before posting.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { TaskEvent } from '../../core/domain/taskEvents';
import { CommandId, ViewId } from '../../shared/ids';
import type { Logger } from '../../host/logging/logger';
import { parsePersistedState, parseWebviewMessage, type HostMessage, type ResultAction, type WebviewMessage } from '../../shared/protocol';
import { createNonce, renderPanelHtml } from './panelHtml';
import { toTaskStateView, toTaskView, type TaskViewContext } from './taskViewMapper';

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
const MAX_RECORDED_MESSAGES = 10_000;

export class OutputPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private taskId: string | undefined;
  private ready = false;
  private pendingText = '';
  private pendingSeq = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly recorded: HostMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: TaskEngine,
    private readonly viewContext: TaskViewContext,
    private readonly log: Logger,
    /** How much slower than usual to send output (1 normally; more while the host is under pressure). */
    private readonly pace: () => number = () => 1,
  ) {
    const off = engine.events.on((event) => this.onTaskEvent(event));
    this.disposables.push({ dispose: off });
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(ViewId.outputPanel, {
        deserializeWebviewPanel: async (panel, state) => {
          this.adopt(panel, parsePersistedState(state)?.taskId);
        },
      }),
    );
  }

  /** Opens (or reveals) the panel showing `taskId`. */
  show(taskId: string): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(ViewId.outputPanel, 'AI Task Output', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
      this.adopt(panel, taskId);
      return;
    }
    this.panel.reveal(undefined, true);
    this.switchTo(taskId);
  }

  get shownTaskId(): string | undefined {
    return this.taskId;
  }

  postedMessages(): readonly HostMessage[] {
    return this.recorded;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
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
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-icon.svg');
    panel.webview.options = this.webviewOptions();
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js'));
    panel.webview.html = renderPanelHtml({ cspSource: panel.webview.cspSource, scriptUri: scriptUri.toString(), nonce: createNonce(), title: 'AI Task Output' });
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
      case 'result':
        void vscode.commands.executeCommand(RESULT_ACTION_COMMANDS[message.action], message.taskId);
        return;
    }
  }

  private switchTo(taskId: string): void {
    this.flushOutput();
    this.taskId = taskId;
    this.sendSnapshot();
  }

  private sendSnapshot(): void {
    if (!this.ready) return;
    const task = this.taskId ? this.engine.get(this.taskId) : undefined;
    if (!task) {
      this.post({ type: 'panel/empty' });
      return;
    }
    this.pendingText = '';
    this.post({ type: 'task/snapshot', seq: this.engine.events.lastSeq(task.id), task: toTaskView(task, this.viewContext) });
  }

  private onTaskEvent(event: TaskEvent): void {
    if (!this.panel || !this.ready || event.taskId !== this.taskId) return;
    // The runner never puts text and a status line in one event: text goes out as output, a
    // status line (countdown) as state.
    if (event.type === 'progress' && event.text !== undefined && !event.restart && !event.detail) {
      this.pendingText += event.text;
      this.pendingSeq = event.seq;
      this.flushTimer ??= setTimeout(() => this.flushOutput(false), OUTPUT_FLUSH_MS * this.pace());
      return;
    }
    // State changes must never overtake output that came before them.
    this.flushOutput();
    const task = this.engine.get(event.taskId);
    if (!task) return;
    if (event.type === 'progress' && event.restart) {
      this.post({
        type: 'task/output',
        taskId: task.id,
        seq: event.seq,
        text: this.viewContext.redact(event.text ?? ''),
        restart: true,
        ...(event.attempt !== undefined && { attempt: event.attempt }),
      });
      return;
    }
    this.post({ type: 'task/state', taskId: task.id, seq: event.seq, state: toTaskStateView(task, this.viewContext) });
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
    if (this.recorded.length >= MAX_RECORDED_MESSAGES) this.recorded.shift();
    this.recorded.push(message);
    void this.panel.webview.postMessage(message);
  }
}
