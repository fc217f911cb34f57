// Renders TaskStatistics as the Markdown document "AI Tasks: Show Statistics" opens (a read-only
// virtual document shown in the Markdown preview). Imports no vscode; unit-tested in plain Node.
import type { CodeCount, DurationStats, TaskStatistics, UsageTotals } from '../../core/reports/taskStatistics';
import { formatCost, formatDuration } from '../format/taskFormat';

export interface StatisticsHeader {
  readonly generatedAt: string;
  /** The active tree filter, when the numbers cover only the tasks it shows. */
  readonly filter?: string;
  readonly providerLabel: (providerId: string) => string;
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

  out.push('## By provider and model', '', '| Provider | Model | Tasks | Input | Output | Cached | Cost |', '|---|---|---:|---:|---:|---:|---:|');
  for (const g of stats.byProviderModel) {
    out.push(`| ${cell(header.providerLabel(g.providerId))} | ${cell(g.model)} | ${g.tasks} | ${num(g.inputTokens)} | ${num(g.outputTokens)} | ${num(g.cacheReadTokens + g.cacheWriteTokens)} | ${cost(g)} |`);
  }
  out.push('', '## By day', '', '| Day | Finished | Completed | Failed | Tokens | Cost |', '|---|---:|---:|---:|---:|---:|');
  for (const d of stats.byDay) out.push(`| ${d.day} | ${d.finished} | ${d.completed} | ${d.failed} | ${num(d.totalTokens)} | ${cost(d)} |`);

  out.push('', '## Retries and failures', '');
  out.push(`${stats.retries.total} retr${stats.retries.total === 1 ? 'y' : 'ies'} in ${stats.retries.tasks} task(s).`, '');
  out.push(...codeTable('Retried after', stats.retries.byClass), ...codeTable('Failed with', stats.failuresByClass));
  return `${out.join('\n')}\n`;
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
