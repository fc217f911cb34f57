// Renders TaskStatistics as the Markdown document "AI Tasks: Show Statistics" opens (a read-only
// virtual document shown in the Markdown preview). Imports no vscode; unit-tested in plain Node.
import type { QualityRow, QualityStatistics } from '../../core/reports/qualityStatistics';
import type { CodeCount, DurationStats, TaskStatistics, UsageTotals } from '../../core/reports/taskStatistics';
import { formatCost, formatDuration } from '../format/taskFormat';
import type { SpendStatistics } from '../../core/reports/spendStatistics';
import type { BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { SpendTotal } from '../../core/usage/spendLedger';
import { describeBudget } from '../format/costText';
import { formatUsd, formatUsdLimit } from '../../shared/formatUsd';

/** Spend against budgets, for the "Spend" section. */
export interface SpendHeader {
  readonly spend: SpendStatistics;
  /** Session and today, against their limits (from the spend ledger, which history clearing does not change). */
  readonly budgets: readonly BudgetWindowStatus[];
  readonly month: SpendTotal;
  readonly batchLimitUsd: number | undefined;
  /** Whether a model's price comes from an aiTaskQueue.pricing override. */
  readonly priceOverridden: (model: string) => boolean;
  /** Where the overrides are set. */
  readonly pricingScope: 'none' | 'user' | 'workspace';
}

export interface StatisticsHeader {
  readonly generatedAt: string;
  /** The active tree filter, when the numbers cover only the tasks it shows. */
  readonly filter?: string;
  readonly providerLabel: (providerId: string) => string;
  readonly spend?: SpendHeader;
}

export function renderStatisticsMarkdown(stats: TaskStatistics, header: StatisticsHeader): string {
  const out: string[] = ['# AI Task Queue — statistics', ''];
  out.push(`${header.filter ? `Tasks matching \`${header.filter.replace(/`/g, "'")}\`` : 'All tasks in history'} · ${stats.total.toLocaleString('en-US')} task(s) · generated ${header.generatedAt}`, '');
  if (stats.total === 0) return `${out.join('\n')}No tasks yet.\n`;

  out.push('## Overview', '', '| | |', '|---|---:|');
  out.push(`| Success rate | ${stats.successRate === undefined ? 'n/a' : `${(stats.successRate * 100).toFixed(1)} %`} |`);
  out.push(`| Completed · failed · cancelled | ${stats.byStatus.completed} · ${stats.byStatus.failed - stats.interrupted} · ${stats.byStatus.cancelled} |`);
  if (stats.interrupted > 0) out.push(`| Interrupted (VS Code closed while running) | ${stats.interrupted} |`);
  out.push(`| Queued · running | ${stats.byStatus.queued} · ${stats.byStatus.running} |`);
  out.push(`| Tasks per minute (while busy) | ${stats.tasksPerMinute === undefined ? 'n/a' : stats.tasksPerMinute.toFixed(2)} |`);
  out.push(`| Busy time | ${formatDuration(stats.busyMs)} |`);
  out.push(...durationRows('Duration', stats.duration), ...durationRows('Time to first token', stats.timeToFirstToken));
  out.push(`| Tokens | ${num(stats.usage.totalTokens)} |`, `| Cost | ${cost(stats.usage)} |`, '');
  out.push('Success rate counts completed against failed tasks; cancelled and interrupted tasks say nothing about the model and are left out. Durations cover completed tasks from the start of the first attempt.', '');

  if (header.spend) out.push(...spendSection(header.spend));

  const overridden = (model: string): boolean => header.spend?.priceOverridden(model) ?? false;
  out.push('## By provider and model', '', '| Provider | Model | Tasks | Input | Output | Cached | Cost |', '|---|---|---:|---:|---:|---:|---:|');
  for (const g of stats.byProviderModel) {
    out.push(`| ${cell(header.providerLabel(g.providerId))} | ${cell(g.model)}${overridden(g.model) ? ' †' : ''} | ${g.tasks} | ${num(g.inputTokens)} | ${num(g.outputTokens)} | ${num(g.cacheReadTokens + g.cacheWriteTokens)} | ${cost(g)} |`);
  }
  if (stats.byProviderModel.some((g) => overridden(g.model))) {
    const where = header.spend?.pricingScope === 'workspace' ? "this workspace's settings" : 'your user settings';
    out.push('', `† Priced by an \`aiTaskQueue.pricing\` override from ${where}, not the built-in dated table.`);
  }
  out.push('', '## By day', '', '| Day | Finished | Completed | Failed | Tokens | Cost |', '|---|---:|---:|---:|---:|---:|');
  for (const d of stats.byDay) out.push(`| ${d.day} | ${d.finished} | ${d.completed} | ${d.failed} | ${num(d.totalTokens)} | ${cost(d)} |`);

  out.push(...qualitySection(stats.quality, header.providerLabel));
  out.push('', '## Retries and failures', '');
  out.push(`${stats.retries.total} retr${stats.retries.total === 1 ? 'y' : 'ies'} in ${stats.retries.tasks} task(s).`, '');
  out.push(...codeTable('Retried after', stats.retries.byClass), ...codeTable('Failed with', stats.failuresByClass));
  return `${out.join('\n')}\n`;
}

function spendSection(h: SpendHeader): string[] {
  const out = ['## Spend', '', '| | |', '|---|---:|'];
  for (const b of h.budgets) {
    const [name, rest] = splitOnce(describeBudget(b), ': ');
    out.push(`| ${name} | ${rest} |`);
  }
  out.push(`| This month | ${h.month.estimatedUsd > 0 ? '≈' : ''}${formatUsd(h.month.usd)}${h.month.unpricedRuns > 0 ? ` + ${h.month.unpricedRuns} unpriced` : ''} |`);
  const c = h.spend.cache;
  out.push(`| Saved by the response cache | ${c.hits > 0 ? `${formatUsd(c.savedUsd)} in ${c.hits} cached answer(s)${c.unpricedHits > 0 ? ` (${c.unpricedHits} unpriced)` : ''}` : 'no cached answers'} |`, '');
  out.push('Today and this month count every run of every window from the spend ledger (≈ marks spend estimated from token counts a provider did not report); clearing history does not change them.', '');
  if (h.spend.byBatch.length > 0) {
    out.push('### By batch', '', '| Batch | Started | Tasks | Cost |', '|---|---|---:|---:|');
    for (const b of h.spend.byBatch.slice(0, 20)) {
      const over = h.batchLimitUsd !== undefined && b.costUsd >= h.batchLimitUsd ? ` (limit ${formatUsdLimit(h.batchLimitUsd)} reached)` : '';
      const unknown = b.unknownCostTasks > 0 ? ` + ${b.unknownCostTasks} unpriced` : '';
      out.push(`| ${cell(b.title)} | ${new Date(b.createdAt).toISOString().slice(0, 16).replace('T', ' ')} | ${b.tasks} | ${b.estimatedTasks > 0 ? '≈' : ''}${formatUsd(b.costUsd)}${unknown}${over} |`);
    }
    if (h.spend.byBatch.length > 20) out.push('', `… and ${h.spend.byBatch.length - 20} more batch(es).`);
    out.push('');
  }
  return out;
}

/** Mean score and ratings by model, prompt file, and prompt file version per model. */
function qualitySection(q: QualityStatistics, providerLabel: (id: string) => string): string[] {
  if (q.byModel.length === 0) return [];
  const score = (r: QualityRow): string => (r.meanScore === undefined ? 'n/a' : `${Math.round(r.meanScore * 100)} % (${r.scored})`);
  const rating = (r: QualityRow): string => `${r.up} good · ${r.down} bad`;
  const out = ['', '## Quality', '', 'Score: the share of a prompt file\'s checks passed, averaged over the tasks that had checks (how many in brackets). Ratings: Good / Bad given in the output panel or the tree. Completed tasks with a score or a rating only.', ''];
  out.push('| Provider | Model | Tasks | Score | Ratings |', '|---|---|---:|---:|---:|');
  for (const r of q.byModel) out.push(`| ${cell(providerLabel(r.providerId!))} | ${cell(r.model!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
  if (q.byPromptFile.length > 0) {
    out.push('', '| Prompt file | Tasks | Score | Ratings |', '|---|---:|---:|---:|');
    for (const r of q.byPromptFile) out.push(`| ${cell(r.promptFile!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
    out.push('', 'By version of the prompt file (a hash of its content; oldest first), per model:', '', '| Prompt file | Version | First run | Model | Tasks | Score | Ratings |', '|---|---|---|---|---:|---:|---:|');
    for (const r of q.byPromptVersion) out.push(`| ${cell(r.promptFile!)} | \`${r.version}\` | ${new Date(r.firstAt).toISOString().slice(0, 16).replace('T', ' ')} | ${cell(r.model!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
  }
  return out;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function durationRows(label: string, d: DurationStats): string[] {
  if (d.count === 0) return [`| ${label} | n/a |`];
  return [`| ${label}: average · p50 · p95 (${d.count}) | ${ms(d.averageMs)} · ${ms(d.p50Ms)} · ${ms(d.p95Ms)} |`];
}

function codeTable(label: string, counts: readonly CodeCount[]): string[] {
  if (counts.length === 0) return [`${label}: none.`, ''];
  return [`| ${label} | Count |`, '|---|---:|', ...counts.map((c) => `| \`${c.code}\` | ${c.count} |`), ''];
}

function cost(u: UsageTotals): string {
  const known = formatCost(u.costUsd) ?? '$0';
  return u.unknownCostTasks > 0 ? `${known} + ${u.unknownCostTasks} unpriced` : known;
}

function ms(value: number | undefined): string {
  return value === undefined ? 'n/a' : formatDuration(value);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function cell(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, '\\$&').replace(/\s+/g, ' ');
}
