// The read-only virtual document behind "AI Tasks: Show Statistics": Markdown rendered from the
// current history each time it is opened or refreshed, shown in VS Code's Markdown preview. A
// virtual document needs no webview, no CSP and no message protocol, and is still copyable text.
import * as vscode from 'vscode';
import { STATISTICS_SCHEME } from '../../shared/ids';

export const STATISTICS_URI = vscode.Uri.from({ scheme: STATISTICS_SCHEME, path: `/${vscode.l10n.t('AI Task Statistics')}.md` });

export class StatisticsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly render: () => string) {}

  provideTextDocumentContent(): string {
    return this.render();
  }

  /** Re-renders an open document (the preview follows). */
  refresh(): void {
    this.changed.fire(STATISTICS_URI);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
