// Numbers about the task history: success rate, throughput, duration and time-to-first-token
// percentiles, tokens and cost by provider/model and by day, retries and failures by class.
// Pure: the caller passes the tasks (all of history, or the ones a filter shows).
import { computeQualityStatistics, type QualityStatistics } from './qualityStatistics';
import type { FailureCode } from '../domain/taskFailure';
import { isTerminal, TASK_STATUSES, type Task, type TaskStatus } from '../domain/taskModel';
import { isInterrupted } from '../domain/interruptedTask';

export interface DurationStats {
  readonly count: number;
  readonly averageMs: number | undefined;
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
}

export interface UsageTotals {
  readonly tasks: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly totalTokens: number;
  /** Sum over tasks whose price is known. */
  readonly costUsd: number;
  /** Tasks with usage but no known price: their cost is not in costUsd. */
  readonly unknownCostTasks: number;
  /** Tasks whose token figures are estimates. */
  readonly estimatedTasks: number;
}

export interface ProviderModelStats extends UsageTotals {
  readonly providerId: string;
  readonly model: string;
}

export interface DayStats extends UsageTotals {
  /** YYYY-MM-DD in the caller's time zone (see `utcOffsetMinutes`). */
  readonly day: string;
  readonly finished: number;
  readonly completed: number;
  readonly failed: number;
}

export interface CodeCount {
  readonly code: FailureCode;
  readonly count: number;
}

export interface TaskStatistics {
  readonly total: number;
  readonly byStatus: Readonly<Record<TaskStatus, number>>;
  /** Failed with INTERRUPTED (VS Code closed while they ran); not counted as model failures. */
  readonly interrupted: number;
  /** completed / (completed + failed), leaving out interrupted and cancelled tasks, which say nothing about the model. */
  readonly successRate: number | undefined;
  /** Finished tasks per minute of busy time (time during which at least one task was running). */
  readonly tasksPerMinute: number | undefined;
  readonly busyMs: number;
  /** Start of the first attempt to the end, completed tasks only. */
  readonly duration: DurationStats;
  /** Start to the first output token (of the attempt that produced it), tasks that produced output. */
  readonly timeToFirstToken: DurationStats;
  readonly usage: UsageTotals;
  readonly byProviderModel: readonly ProviderModelStats[];
  readonly byDay: readonly DayStats[];
  /** Attempts beyond the first, in total and by the failure class that caused each. */
  readonly retries: { readonly total: number; readonly tasks: number; readonly byClass: readonly CodeCount[] };
  readonly failuresByClass: readonly CodeCount[];
  /** Scores and ratings by model, prompt file and prompt file version. */
  readonly quality: QualityStatistics;
}

export interface StatisticsOptions {
  /** Minutes east of UTC for grouping by day (the host passes the local offset); default 0 (UTC). */
  readonly utcOffsetMinutes?: number;
}

export function computeStatistics(tasks: readonly Task[], options: StatisticsOptions = {}): TaskStatistics {
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  const durations: number[] = [];
  const ttft: number[] = [];
  const intervals: [number, number][] = [];
  const groups = new Map<string, { providerId: string; model: string; usage: UsageAccumulator }>();
  const days = new Map<string, { finished: number; completed: number; failed: number; usage: UsageAccumulator }>();
  const total = new UsageAccumulator();
  const failures = new Map<FailureCode, number>();
  const retryClasses = new Map<FailureCode, number>();
  let interrupted = 0;
  let retries = 0;
  let retriedTasks = 0;
  let finishedForRate = 0;

  for (const task of tasks) {
    byStatus[task.status] += 1;
    const wasInterrupted = isInterrupted(task);
    if (wasInterrupted) interrupted += 1;
    if (task.status === 'failed' && task.error && !wasInterrupted) bump(failures, task.error.code);
    const extra = Math.max(0, task.attempts - 1);
    if (extra > 0) {
      retries += extra;
      retriedTasks += 1;
      for (const code of task.retriedFailures ?? []) bump(retryClasses, code);
    }
    if (task.startedAt !== undefined && task.finishedAt !== undefined) {
      intervals.push([task.startedAt, task.finishedAt]);
      finishedForRate += 1;
      if (task.status === 'completed') durations.push(task.finishedAt - task.startedAt);
    }
    if (task.startedAt !== undefined && task.firstTokenAt !== undefined) ttft.push(task.firstTokenAt - task.startedAt);

    const groupKey = `${task.providerId}\u0000${task.model}`;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { providerId: task.providerId, model: task.model, usage: new UsageAccumulator() }));
    group.usage.add(task);
    total.add(task);

    if (isTerminal(task.status)) {
      const day = new Date((task.finishedAt ?? task.createdAt) + offsetMs).toISOString().slice(0, 10);
      let entry = days.get(day);
      if (!entry) days.set(day, (entry = { finished: 0, completed: 0, failed: 0, usage: new UsageAccumulator() }));
      entry.finished += 1;
      if (task.status === 'completed') entry.completed += 1;
      if (task.status === 'failed' && !wasInterrupted) entry.failed += 1;
      entry.usage.add(task);
    }
  }

  const outcomes = byStatus.completed + byStatus.failed - interrupted;
  const busyMs = unionLength(intervals);
  return {
    total: tasks.length,
    byStatus,
    interrupted,
    successRate: outcomes > 0 ? byStatus.completed / outcomes : undefined,
    tasksPerMinute: busyMs > 0 ? finishedForRate / (busyMs / 60_000) : undefined,
    busyMs,
    duration: durationStats(durations),
    timeToFirstToken: durationStats(ttft),
    usage: total.totals(),
    byProviderModel: [...groups.values()]
      .filter((g) => g.usage.tasks > 0)
      .map((g) => ({ providerId: g.providerId, model: g.model, ...g.usage.totals() }))
      .sort((a, b) => b.costUsd - a.costUsd || b.totalTokens - a.totalTokens || a.providerId.localeCompare(b.providerId) || a.model.localeCompare(b.model)),
    byDay: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => ({ day, finished: d.finished, completed: d.completed, failed: d.failed, ...d.usage.totals() })),
    retries: { total: retries, tasks: retriedTasks, byClass: sortedCounts(retryClasses) },
    failuresByClass: sortedCounts(failures),
    quality: computeQualityStatistics(tasks),
  };
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function durationStats(values: number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    averageMs: sorted.length > 0 ? sorted.reduce((s, v) => s + v, 0) / sorted.length : undefined,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
  };
}

/** Total length covered by possibly overlapping intervals. */
function unionLength(intervals: [number, number][]): number {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) total += end - start;
  return total;
}

function bump(map: Map<FailureCode, number>, code: FailureCode): void {
  map.set(code, (map.get(code) ?? 0) + 1);
}

function sortedCounts(map: Map<FailureCode, number>): CodeCount[] {
  return [...map.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

class UsageAccumulator {
  tasks = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private cacheReadTokens = 0;
  private cacheWriteTokens = 0;
  private costUsd = 0;
  private unknownCostTasks = 0;
  private estimatedTasks = 0;

  add(task: Task): void {
    if (!task.usage) return;
    this.tasks += 1;
    this.inputTokens += task.usage.inputTokens;
    this.outputTokens += task.usage.outputTokens;
    this.cacheReadTokens += task.usage.cacheReadTokens;
    this.cacheWriteTokens += task.usage.cacheWriteTokens;
    if (task.usage.estimated) this.estimatedTasks += 1;
    if (typeof task.costUsd === 'number') this.costUsd += task.costUsd;
    else if (task.costUsd === null) this.unknownCostTasks += 1;
  }

  totals(): UsageTotals {
    return {
      tasks: this.tasks,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cacheReadTokens: this.cacheReadTokens,
      cacheWriteTokens: this.cacheWriteTokens,
      totalTokens: this.inputTokens + this.outputTokens + this.cacheReadTokens + this.cacheWriteTokens,
      costUsd: this.costUsd,
      unknownCostTasks: this.unknownCostTasks,
      estimatedTasks: this.estimatedTasks,
    };
  }
}
