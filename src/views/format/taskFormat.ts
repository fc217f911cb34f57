// Short human formats shared by the tree, the status bar and quick picks.
import type { Task } from '../../core/domain/taskModel';
import { totalTokens } from '../../core/domain/tokenUsage';
import { formatUsd } from '../../shared/formatUsd';
import type { LiveUsage } from '../../core/results/liveUsage';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${Math.round(s % 60)}s`;
}

export function formatCost(costUsd: number | null | undefined): string | undefined {
  if (costUsd === undefined) return undefined;
  if (costUsd === null) return 'price unknown';
  return formatUsd(costUsd);
}

export function formatTokens(task: Task, live?: LiveUsage): string | undefined {
  const usage = task.usage ?? live?.usage;
  if (!usage) return undefined;
  const n = totalTokens(usage).toLocaleString('en-US');
  return usage.estimated ? `≈${n} tok (est.)` : `${n} tok`;
}

/** "cached — saved $0.0123": a task answered from the response cache, and what that saved. */
export function describeCached(task: Task): string | undefined {
  if (!task.cached) return undefined;
  const saved = task.cached.savedUsd;
  if (saved === null) return 'cached — saved a run of unknown price';
  return saved === 0 ? 'cached — free model, nothing to save' : `cached — saved ${formatUsd(saved)}`;
}

/** "gpt-4o · 3.2s · 1,234 tok · $0.0012", or the transient detail while one is set. */
export function describeTask(task: Task, now: number, options: { readonly omitModel?: boolean; readonly live?: LiveUsage } = {}): string {
  const parts: string[] = options.omitModel ? [] : [task.model];
  if (task.statusDetail) parts.push(task.statusDetail);
  else if (task.status === 'queued') parts.push(task.priority === 'normal' ? 'waiting' : `${task.priority} priority`);
  const cached = describeCached(task);
  if (cached) return [...parts, cached].join(' · ');
  if (task.startedAt !== undefined) parts.push(formatDuration((task.finishedAt ?? now) - task.startedAt));
  const tokens = formatTokens(task, options.live);
  if (tokens) parts.push(tokens);
  // While streaming, the cost so far is an estimate like the tokens it comes from.
  const liveCost = task.usage === undefined ? options.live?.costUsd : undefined;
  const cost = liveCost !== undefined && liveCost !== null ? `≈${formatCost(liveCost)}` : formatCost(task.costUsd);
  if (cost && task.costUsd !== 0 && liveCost !== 0) parts.push(cost);
  if (task.status === 'failed' && task.error) parts.push(task.error.code);
  return parts.join(' · ');
}
