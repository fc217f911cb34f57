// What a batch (one prompt on many files) or a comparison (one prompt on many models) adds up to.
// A batch's members are its tasks after retries: a retried task is replaced by its rerun, so
// "done/total" counts each file or model once, while the spend counts every call that was paid for.
import { phrase, type PhraseWords } from '../domain/phrase';
import type { Task } from '../domain/taskModel';
import type { BatchKind } from '../domain/taskSource';
import { titleFromPrompt } from '../launch/promptText';

export interface BatchSummary {
  readonly batchId: string;
  readonly kind: BatchKind;
  /** The user's prompt, whole. */
  readonly instruction: string;
  /** The prompt cut to one short line, for labels. */
  readonly title: string;
  readonly createdAt: number;
  /** Latest run of each file or model, in launch order. */
  readonly members: readonly Task[];
  readonly total: number;
  /** Members that reached completed, failed or cancelled. */
  readonly done: number;
  /** Queued, or waiting for their provider (a provider batch's tasks wait there until it ends). */
  readonly queued: number;
  readonly running: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Every task of the batch, reruns and the runs they replaced included. */
  readonly costUsd: number;
  /** Some task's model has no known price: `costUsd` is a lower bound. */
  readonly costUnknown: boolean;
  readonly active: boolean;
  /** When the last member finished (undefined while any is still queued or running). */
  readonly finishedAt: number | undefined;
}

/** Tasks of one batch (any order) → its summary. */
export function summarizeBatch(batchId: string, tasks: readonly Task[]): BatchSummary {
  const members = batchMembers(tasks);
  const count = (status: Task['status']): number => members.filter((t) => t.status === status).length;
  // Waiting for its provider (a rate limit, or a provider batch that may take hours) is not done.
  const queued = count('queued') + count('waiting');
  const running = count('running');
  const first = members[0] ?? tasks[0];
  const instruction = first?.instruction ?? first?.prompt ?? '';
  const active = queued + running > 0;
  return {
    batchId,
    kind: batchKindOf(tasks),
    instruction,
    // The id when nothing else names it: core writes no words of its own.
    title: titleFromPrompt(instruction) || first?.title || batchId,
    createdAt: Math.min(...tasks.map((t) => t.createdAt)),
    members,
    total: members.length,
    done: members.length - queued - running,
    queued,
    running,
    completed: count('completed'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    costUsd: tasks.reduce((sum, t) => sum + (t.costUsd ?? 0), 0),
    costUnknown: tasks.some((t) => t.costUsd === null),
    active,
    finishedAt: active || members.length === 0 ? undefined : Math.max(...members.map((t) => t.finishedAt ?? t.createdAt)),
  };
}

/** The latest run of each member: tasks no other task of the batch is a retry of, in launch order of the first run. */
export function batchMembers(tasks: readonly Task[]): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const retried = new Set(tasks.flatMap((t) => (t.retryOf !== undefined && byId.has(t.retryOf) ? [t.retryOf] : [])));
  const rootCreated = (task: Task): number => {
    let at = task;
    for (let guard = 0; at.retryOf !== undefined && byId.has(at.retryOf) && guard < 1000; guard++) at = byId.get(at.retryOf)!;
    return at.createdAt;
  };
  return tasks
    .filter((t) => !retried.has(t.id))
    .map((t) => ({ t, order: rootCreated(t) }))
    .sort((x, y) => x.order - y.order || x.t.createdAt - y.t.createdAt)
    .map((x) => x.t);
}

/** Stored with the task since results landed; older batches are read from what differs. */
export function batchKindOf(tasks: readonly Task[]): BatchKind {
  const stored = tasks.find((t) => t.batchKind !== undefined)?.batchKind;
  if (stored) return stored;
  const models = new Set(tasks.map((t) => `${t.providerId}/${t.model}`));
  return tasks.length > 1 && models.size === tasks.length ? 'models' : 'files';
}

/** What tells a member apart from the others: its file, or its model. */
export function memberLabel(task: Task, kind: BatchKind): string {
  if (kind === 'models') return task.model || task.providerId;
  if (task.source) return task.source.path;
  // Batches from before sources were stored: the title ends with " — <file>".
  const dash = task.title.lastIndexOf(' — ');
  return dash >= 0 ? task.title.slice(dash + 3) : task.title;
}

/** "87/113 done · 2 failed · $0.41" */
export function batchProgress(summary: BatchSummary, formatUsd: (usd: number) => string, words: PhraseWords): string {
  const parts = [words(phrase('result.batch.done', { done: summary.done, total: summary.total }))];
  if (summary.failed > 0) parts.push(words(phrase('result.batch.failed', { count: summary.failed })));
  if (summary.cancelled > 0) parts.push(words(phrase('result.batch.cancelled', { count: summary.cancelled })));
  // Spend shows once something finished, $0 included (a local model is free, and that is worth seeing).
  if (summary.done > 0 || summary.costUsd > 0 || summary.costUnknown) parts.push(`${formatUsd(summary.costUsd)}${summary.costUnknown ? '+' : ''}`);
  return parts.join(' · ');
}
