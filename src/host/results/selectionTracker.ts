// Follows each selection task's range through edits to its document, like an editor's marker:
// an edit before the range moves it, one after it does not matter, one overlapping it marks the
// range as touched. Only while the document stays open in this session: after a reload or a close
// the range is unknown and "Replace Selection" falls back to finding the original text.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { TrackedRange } from '../../core/results/applyPlan';

interface Tracked {
  start: number;
  end: number;
  touched: boolean;
}

export class SelectionTracker implements vscode.Disposable {
  /** uri → taskId → range */
  private readonly byUri = new Map<string, Map<string, Tracked>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(engine: TaskEngine) {
    const offEvents = engine.events.on((event) => {
      if (event.type === 'queued') this.track(event.task);
    });
    const offHistory = engine.onHistoryChange((change) => {
      if (change.type === 'removed') for (const tasks of this.byUri.values()) change.taskIds.forEach((id) => tasks.delete(id));
    });
    this.disposables.push(
      { dispose: offEvents },
      { dispose: offHistory },
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())),
    );
  }

  /** The range now, or undefined when it is not being followed. */
  rangeOf(task: Task): TrackedRange | undefined {
    const t = task.source ? this.byUri.get(task.source.uri)?.get(task.id) : undefined;
    return t && { start: t.start, end: t.end, touched: t.touched };
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.byUri.clear();
  }

  private track(task: Task): void {
    const source = task.source;
    if (source?.kind !== 'selection') return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri);
    // A retry's range starts from the original's tracked range, which has followed every edit since.
    const inherited = task.retryOf ? this.byUri.get(source.uri)?.get(task.retryOf) : undefined;
    let range: Tracked | undefined = inherited && { ...inherited };
    if (!range && doc && doc.version === source.documentVersion) {
      const r = source.range;
      range = { start: doc.offsetAt(new vscode.Position(r.startLine, r.startCharacter)), end: doc.offsetAt(new vscode.Position(r.endLine, r.endCharacter)), touched: false };
    }
    if (!range) return;
    let tasks = this.byUri.get(source.uri);
    if (!tasks) this.byUri.set(source.uri, (tasks = new Map()));
    tasks.set(task.id, range);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const tasks = this.byUri.get(e.document.uri.toString());
    if (!tasks || e.contentChanges.length === 0) return;
    // Changes of one event do not overlap; from the end backwards each offset is still valid.
    const changes = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const t of tasks.values()) {
      for (const c of changes) {
        const from = c.rangeOffset;
        const to = c.rangeOffset + c.rangeLength;
        const delta = c.text.length - c.rangeLength;
        if (to <= t.start && !(from === t.start && c.rangeLength > 0)) {
          t.start += delta;
          t.end += delta;
        } else if (from >= t.end && !(to === t.end && c.rangeLength > 0)) {
          // After the range: nothing moves.
        } else {
          t.touched = true;
          t.end = Math.max(t.start, t.end + delta);
        }
      }
    }
  }
}
