// Renders TaskStatistics as the Markdown document "AI Tasks: Show Statistics" opens (a read-only
// virtual document shown in the Markdown preview). Imports no vscode; unit-tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { QualityRow, QualityStatistics } from '../../core/reports/qualityStatistics';
import type { CodeCount, DurationStats, TaskStatistics, UsageTotals } from '../../core/reports/taskStatistics';
import { formatCost, formatDuration } from '../format/taskFormat';
import type { SpendStatistics } from '../../core/reports/spendStatistics';
import type { BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { SpendTotal } from '../../core/usage/spendLedger';
import { describeBudget } from '../format/costText';
import { formatUsd, formatUsdLimit } from '../../shared/formatUsd';
import { formatTimestamp } from '../format/timestampText';

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
  const out: string[] = [`# ${l10n.t('AI Task Queue — statistics')}`, ''];
  const scope = header.filter ? l10n.t('Tasks matching {0}', `\`${header.filter.replace(/`/g, "'")}\``) : l10n.t('All tasks in history');
  out.push(l10n.t('{0} · {1} task(s) · generated {2}', scope, stats.total.toLocaleString('en-US'), header.generatedAt), '');
  if (stats.total === 0) return `${out.join('\n')}${l10n.t('No tasks yet.')}\n`;

  out.push(`## ${l10n.t('Overview')}`, '', '| | |', '|---|---:|');
  out.push(`| ${l10n.t('Success rate')} | ${stats.successRate === undefined ? notAvailable() : `${(stats.successRate * 100).toFixed(1)} %`} |`);
  out.push(`| ${l10n.t('Completed · failed · cancelled')} | ${stats.byStatus.completed} · ${stats.byStatus.failed - stats.interrupted} · ${stats.byStatus.cancelled} |`);
  if (stats.interrupted > 0) out.push(`| ${l10n.t('Interrupted (VS Code closed while running)')} | ${stats.interrupted} |`);
  out.push(`| ${l10n.t('Queued · running')} | ${stats.byStatus.queued} · ${stats.byStatus.running} |`);
  out.push(`| ${l10n.t('Tasks per minute (while busy)')} | ${stats.tasksPerMinute === undefined ? notAvailable() : stats.tasksPerMinute.toFixed(2)} |`);
  out.push(`| ${l10n.t('Busy time')} | ${formatDuration(stats.busyMs)} |`);
  out.push(...durationRows(l10n.t('Duration'), stats.duration), ...durationRows(l10n.t('Time to first token'), stats.timeToFirstToken));
  out.push(`| ${l10n.t('Tokens')} | ${num(stats.usage.totalTokens)} |`, `| ${l10n.t('Cost')} | ${cost(stats.usage)} |`, '');
  out.push(l10n.t('Success rate counts completed against failed tasks; cancelled and interrupted tasks say nothing about the model and are left out. Durations cover completed tasks from the start of the first attempt.'), '');

  if (header.spend) out.push(...spendSection(header.spend));

  const overridden = (model: string): boolean => header.spend?.priceOverridden(model) ?? false;
  out.push(`## ${l10n.t('By provider and model')}`, '', `| ${l10n.t('Provider')} | ${l10n.t('Model')} | ${l10n.t('Tasks')} | ${l10n.t('Input')} | ${l10n.t('Output')} | ${l10n.t('Cached')} | ${l10n.t('Cost')} |`, '|---|---|---:|---:|---:|---:|---:|');
  for (const g of stats.byProviderModel) {
    out.push(`| ${cell(header.providerLabel(g.providerId))} | ${cell(g.model)}${overridden(g.model) ? ' †' : ''} | ${g.tasks} | ${num(g.inputTokens)} | ${num(g.outputTokens)} | ${num(g.cacheReadTokens + g.cacheWriteTokens)} | ${cost(g)} |`);
  }
  if (stats.byProviderModel.some((g) => overridden(g.model))) {
    const where = header.spend?.pricingScope === 'workspace' ? l10n.t("this workspace's settings") : l10n.t('your user settings');
    out.push('', `† ${l10n.t('Priced by an {0} override from {1}, not the built-in dated table.', '`aiTaskQueue.pricing`', where)}`);
  }
  out.push('', `## ${l10n.t('By day')}`, '', `| ${l10n.t('Day')} | ${l10n.t('Finished')} | ${l10n.t('Completed')} | ${l10n.t('Failed')} | ${l10n.t('Tokens')} | ${l10n.t('Cost')} |`, '|---|---:|---:|---:|---:|---:|');
  for (const d of stats.byDay) out.push(`| ${d.day} | ${d.finished} | ${d.completed} | ${d.failed} | ${num(d.totalTokens)} | ${cost(d)} |`);

  out.push(...qualitySection(stats.quality, header.providerLabel));
  out.push('', `## ${l10n.t('Retries and failures')}`, '');
  out.push(stats.retries.total === 1 ? l10n.t('1 retry in {0} task(s).', stats.retries.tasks) : l10n.t('{0} retries in {1} task(s).', stats.retries.total, stats.retries.tasks), '');
  out.push(...codeTable(l10n.t('Retried after'), stats.retries.byClass), ...codeTable(l10n.t('Failed with'), stats.failuresByClass));
  return `${out.join('\n')}\n`;
}

function spendSection(h: SpendHeader): string[] {
  const out = [`## ${l10n.t('Spend')}`, '', '| | |', '|---|---:|'];
  for (const b of h.budgets) {
    const [name, rest] = splitOnce(describeBudget(b), ': ');
    out.push(`| ${name} | ${rest} |`);
  }
  out.push(`| ${l10n.t('This month')} | ${h.month.estimatedUsd > 0 ? '≈' : ''}${formatUsd(h.month.usd)}${h.month.unpricedRuns > 0 ? ` + ${unpriced(h.month.unpricedRuns)}` : ''} |`);
  const c = h.spend.cache;
  const saved = c.hits > 0 ? `${l10n.t('{0} in {1} cached answer(s)', formatUsd(c.savedUsd), c.hits)}${c.unpricedHits > 0 ? ` (${unpriced(c.unpricedHits)})` : ''}` : l10n.t('no cached answers');
  out.push(`| ${l10n.t('Saved by the response cache')} | ${saved} |`, '');
  out.push(l10n.t('Today and this month count every run of every window from the spend ledger (≈ marks spend estimated from token counts a provider did not report); clearing history does not change them.'), '');
  if (h.spend.byBatch.length > 0) {
    out.push(`### ${l10n.t('By batch')}`, '', `| ${l10n.t('Batch')} | ${l10n.t('Started')} | ${l10n.t('Tasks')} | ${l10n.t('Cost')} |`, '|---|---|---:|---:|');
    for (const b of h.spend.byBatch.slice(0, 20)) {
      const over = h.batchLimitUsd !== undefined && b.costUsd >= h.batchLimitUsd ? ` ${l10n.t('(limit {0} reached)', formatUsdLimit(h.batchLimitUsd))}` : '';
      const unknown = b.unknownCostTasks > 0 ? ` + ${unpriced(b.unknownCostTasks)}` : '';
      out.push(`| ${cell(b.title)} | ${formatTimestamp(b.createdAt)} | ${b.tasks} | ${b.estimatedTasks > 0 ? '≈' : ''}${formatUsd(b.costUsd)}${unknown}${over} |`);
    }
    if (h.spend.byBatch.length > 20) out.push('', l10n.t('… and {0} more batch(es).', h.spend.byBatch.length - 20));
    out.push('');
  }
  return out;
}

/** Mean score and ratings by model, prompt file, and prompt file version per model. */
function qualitySection(q: QualityStatistics, providerLabel: (id: string) => string): string[] {
  if (q.byModel.length === 0) return [];
  const score = (r: QualityRow): string => (r.meanScore === undefined ? notAvailable() : `${Math.round(r.meanScore * 100)} % (${r.scored})`);
  const rating = (r: QualityRow): string => l10n.t('{0} good · {1} bad', r.up, r.down);
  const out = ['', `## ${l10n.t('Quality')}`, '', l10n.t("Score: the share of a prompt file's checks passed, averaged over the tasks that had checks (how many in brackets). Ratings: Good / Bad given in the output panel or the tree. Completed tasks with a score or a rating only."), ''];
  out.push(`| ${l10n.t('Provider')} | ${l10n.t('Model')} | ${l10n.t('Tasks')} | ${l10n.t('Score')} | ${l10n.t('Ratings')} |`, '|---|---|---:|---:|---:|');
  for (const r of q.byModel) out.push(`| ${cell(providerLabel(r.providerId!))} | ${cell(r.model!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
  if (q.byPromptFile.length > 0) {
    out.push('', `| ${l10n.t('Prompt file')} | ${l10n.t('Tasks')} | ${l10n.t('Score')} | ${l10n.t('Ratings')} |`, '|---|---:|---:|---:|');
    for (const r of q.byPromptFile) out.push(`| ${cell(r.promptFile!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
    const columns = [l10n.t('Prompt file'), l10n.t('Version'), l10n.t('First run'), l10n.t('Model'), l10n.t('Tasks'), l10n.t('Score'), l10n.t('Ratings')];
    out.push('', l10n.t('By version of the prompt file (a hash of its content; oldest first), per model:'), '', `| ${columns.join(' | ')} |`, '|---|---|---|---|---:|---:|---:|');
    for (const r of q.byPromptVersion) out.push(`| ${cell(r.promptFile!)} | \`${r.version}\` | ${formatTimestamp(r.firstAt)} | ${cell(r.model!)} | ${r.tasks} | ${score(r)} | ${rating(r)} |`);
  }
  return out;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function durationRows(label: string, d: DurationStats): string[] {
  if (d.count === 0) return [`| ${label} | ${notAvailable()} |`];
  return [`| ${l10n.t('{0}: average · p50 · p95 ({1})', label, d.count)} | ${ms(d.averageMs)} · ${ms(d.p50Ms)} · ${ms(d.p95Ms)} |`];
}

function codeTable(label: string, counts: readonly CodeCount[]): string[] {
  if (counts.length === 0) return [l10n.t('{0}: none.', label), ''];
  return [`| ${label} | ${l10n.t('Count')} |`, '|---|---:|', ...counts.map((c) => `| \`${c.code}\` | ${c.count} |`), ''];
}

function cost(u: UsageTotals): string {
  const known = formatCost(u.costUsd) ?? '$0';
  return u.unknownCostTasks > 0 ? `${known} + ${unpriced(u.unknownCostTasks)}` : known;
}

function ms(value: number | undefined): string {
  return value === undefined ? notAvailable() : formatDuration(value);
}

/** "n/a": no figure. */
function notAvailable(): string {
  return l10n.t('n/a');
}

/** "3 unpriced": tasks whose price is unknown. */
function unpriced(count: number): string {
  return l10n.t('{0} unpriced', count);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function cell(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, '\\$&').replace(/\s+/g, ' ');
}
