// Short human formats shared by the tree, the status bar and quick picks.
import * as l10n from '@vscode/l10n';
import { stepLabel } from '../../core/domain/workflowStep';
import type { Task } from '../../core/domain/taskModel';
import { totalTokens } from '../../core/domain/tokenUsage';
import { formatUsd } from '../../shared/formatUsd';
import { phraseText } from './phraseText';
import type { LiveUsage } from '../../core/results/liveUsage';
import { priorityPhrase } from './priorityText';

/** "850ms", "4.2s", "1m 5s": the unit symbols are messages too ("42 s", "3 мин 07 с"). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return l10n.t('{0}ms', Math.max(0, Math.round(ms)));
  const s = ms / 1000;
  if (s < 60) return l10n.t('{0}s', s.toFixed(s < 10 ? 1 : 0));
  const m = Math.floor(s / 60);
  return l10n.t('{0}m {1}s', m, Math.round(s % 60));
}

export function formatCost(costUsd: number | null | undefined): string | undefined {
  if (costUsd === undefined) return undefined;
  if (costUsd === null) return l10n.t('price unknown');
  return formatUsd(costUsd);
}

export function formatTokens(task: Task, live?: LiveUsage): string | undefined {
  const usage = task.usage ?? live?.usage;
  if (!usage) return undefined;
  const n = totalTokens(usage).toLocaleString('en-US');
  return usage.estimated ? l10n.t('≈{0} tok (est.)', n) : l10n.t('{0} tok', n);
}

/** "cached — saved $0.0123": a task answered from the response cache, and what that saved. */
export function describeCached(task: Task): string | undefined {
  if (!task.cached) return undefined;
  const saved = task.cached.savedUsd;
  if (saved === null) return l10n.t('cached — saved a run of unknown price');
  return saved === 0 ? l10n.t('cached — free model, nothing to save') : l10n.t('cached — saved {0}', formatUsd(saved));
}

/** "gpt-4o · score 67 % · rated good · 3.2s · 1,234 tok · $0.0012", or the transient detail while one is set. */
export function describeTask(task: Task, now: number, options: { readonly omitModel?: boolean; readonly live?: LiveUsage } = {}): string {
  const parts: string[] = options.omitModel ? [] : [task.model];
  const step = describeStep(task);
  if (step) parts.push(step);
  // The score and rating come first after the model: in a narrow sidebar they are what is compared.
  const quality = describeQuality(task);
  if (quality) parts.push(quality);
  if (task.statusDetail) parts.push(phraseText(task.statusDetail));
  else if (task.status === 'queued') parts.push(task.priority === 'normal' ? l10n.t('waiting') : priorityPhrase(task.priority));
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

/** "step 2 of 3 — draft" while a workflow runs (or waits); "stopped at step 2 of 3 — draft" when it did not finish. */
export function describeStep(task: Task): string | undefined {
  if (!task.steps || task.stepIndex === undefined || task.status === 'completed') return undefined;
  const label = phraseText(stepLabel(task.steps, task.stepIndex));
  return task.status === 'failed' || task.status === 'cancelled' ? l10n.t('stopped at {0}', label) : label;
}

/** "score 67 % · rated good": the checks' score and the rating of a finished task. */
export function describeQuality(task: Task): string | undefined {
  const parts = [
    ...(task.quality ? [l10n.t('score {0} %', Math.round(task.quality.score * 100))] : []),
    ...(task.rating ? [task.rating === 'up' ? l10n.t('rated good') : l10n.t('rated bad')] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
