// Read-only documents holding a proposed text, for the right side of a diff ("Compare with
// Source", and every conflict the user is asked to decide on). The URI ends with the source's
// file name so the diff editor highlights the right language.
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'ai-task-queue-proposal';
/** Proposals kept in memory; older diffs show an explanation instead. */
const KEEP = 50;

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('(This proposal is no longer available. Run "Compare with Source" again.)');
  }

  /** Stores `text` and returns the URI to show it under. */
  create(taskId: string, sourceUri: vscode.Uri, text: string): vscode.Uri {
    this.counter += 1;
    const name = sourceUri.path.split('/').pop() || 'proposal';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${taskId}/${this.counter}/${name}` });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > KEEP) this.texts.delete(this.texts.keys().next().value!);
    this.changed.fire(uri);
    return uri;
  }

  /** Opens VS Code's diff editor: the source as it is now on the left, the proposal on the right. */
  async showDiff(taskId: string, source: vscode.Uri, proposed: string, title: string): Promise<vscode.Uri> {
    const right = this.create(taskId, source, proposed);
    await vscode.commands.executeCommand('vscode.diff', source, right, title, { preview: false });
    return right;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
