// Which tasks belong to which batch, kept up to date from engine events and history changes, with
// each batch's summary computed once per change rather than on every tree or view redraw.
import { EventEmitter } from 'eventemitter3';
import type { TaskEngine } from '../engine/taskEngine';
import type { Task } from '../domain/taskModel';
import { summarizeBatch, type BatchSummary } from './batchSummary';

export class BatchIndex {
  private readonly members = new Map<string, Set<string>>();
  private readonly summaries = new Map<string, BatchSummary>();
  private readonly emitter = new EventEmitter<{ change: [string] }>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly engine: Pick<TaskEngine, 'list' | 'get' | 'events' | 'onHistoryChange'>) {
    for (const task of engine.list()) this.add(task);
    this.offs.push(
      engine.events.on((event) => {
        if (event.type === 'queued') this.add(event.task);
        const batchId = engine.get(event.taskId)?.batchId;
        if (!batchId || !this.members.has(batchId)) return;
        // Streamed text changes no count or cost: the summary stays, listeners still hear of it.
        if (event.type === 'progress') this.emitter.emit('change', batchId);
        else this.changed(batchId);
      }),
      engine.onHistoryChange((change) => {
        if (change.type === 'restored') {
          change.tasks.forEach((t) => this.add(t));
          new Set(change.tasks.flatMap((t) => (t.batchId ? [t.batchId] : []))).forEach((id) => this.changed(id));
          return;
        }
        // A rating changed: the batch's rows and comparison show it.
        if (change.type === 'updated') {
          new Set(change.tasks.flatMap((t) => (t.batchId && this.members.has(t.batchId) ? [t.batchId] : []))).forEach((id) => this.changed(id));
          return;
        }
        const touched = new Set<string>();
        for (const [batchId, ids] of this.members) {
          for (const id of change.taskIds) if (ids.delete(id)) touched.add(batchId);
          if (ids.size === 0) this.members.delete(batchId);
        }
        touched.forEach((id) => this.changed(id));
      }),
    );
  }

  /** Batch ids, newest first. */
  batchIds(): string[] {
    return [...this.members.keys()].map((id) => this.summary(id)).filter((s): s is BatchSummary => s !== undefined).sort((a, b) => b.createdAt - a.createdAt).map((s) => s.batchId);
  }

  tasksOf(batchId: string): Task[] {
    return [...(this.members.get(batchId) ?? [])].flatMap((id) => this.engine.get(id) ?? []);
  }

  summary(batchId: string): BatchSummary | undefined {
    const cached = this.summaries.get(batchId);
    if (cached) return cached;
    const tasks = this.tasksOf(batchId);
    if (tasks.length === 0) return undefined;
    const summary = summarizeBatch(batchId, tasks);
    this.summaries.set(batchId, summary);
    return summary;
  }

  /** Called with the batch id after any of its tasks changed. */
  onChange(listener: (batchId: string) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  dispose(): void {
    this.offs.forEach((off) => off());
    this.emitter.removeAllListeners();
  }

  private add(task: Task): void {
    if (!task.batchId) return;
    let ids = this.members.get(task.batchId);
    if (!ids) this.members.set(task.batchId, (ids = new Set()));
    ids.add(task.id);
    this.summaries.delete(task.batchId);
  }

  private changed(batchId: string): void {
    this.summaries.delete(batchId);
    this.emitter.emit('change', batchId);
  }
}
