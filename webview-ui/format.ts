// How the panel words numbers, durations, usage and status. No DOM: unit-tested in Node. Words go
// through @vscode/l10n; duration units (ms, s, m, h) and the en-US digit grouping stay as the host
// writes them (src/views/format), so the tree and the panel read the same figures.
import * as l10n from '@vscode/l10n';
import type { TaskView, UsageView } from '../src/shared/protocol';
import type { Priority, TaskStatus } from '../src/shared/taskVocabulary';
import { formatUsd } from '../src/shared/formatUsd';

// Tables of functions, not of strings: a label is looked up when it is drawn, after the entry point
// has handed @vscode/l10n the page's translations (a string built at load would stay English).
const STATUS_LABELS: Readonly<Record<TaskStatus, () => string>> = {
  queued: () => l10n.t('Queued'),
  waiting: () => l10n.t('Waiting for provider'),
  running: () => l10n.t('Running'),
  completed: () => l10n.t('Completed'),
  failed: () => l10n.t('Failed'),
  cancelled: () => l10n.t('Cancelled'),
};

/** "Running", "Waiting for provider", ... in the display language. */
export function statusLabel(status: TaskStatus): string {
  return STATUS_LABELS[status]();
}

const PRIORITY_TEXTS: Readonly<Record<Priority, () => string>> = {
  urgent: () => l10n.t('Urgent priority'),
  high: () => l10n.t('High priority'),
  normal: () => l10n.t('Normal priority'),
  low: () => l10n.t('Low priority'),
};

/** "High priority": one message per priority, so a language can inflect the adjective. */
export function priorityText(priority: Priority): string {
  return PRIORITY_TEXTS[priority]();
}

/**
 * "850ms", "4.2s", "42s", "3m 07s", "1h 02m". The unit symbols are messages too: languages write
 * them differently ("42 s", "3 мин 07 с").
 */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, Math.round(ms));
  if (safe < 1000) return l10n.t('{0}ms', safe);
  if (safe < 10_000) return l10n.t('{0}s', (Math.floor(safe / 100) / 10).toFixed(1));
  const totalSeconds = Math.floor(safe / 1000);
  if (totalSeconds < 60) return l10n.t('{0}s', totalSeconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return l10n.t('{0}m {1}s', minutes, String(totalSeconds % 60).padStart(2, '0'));
  return l10n.t('{0}h {1}m', Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'));
}

/** A live clock in whole seconds ("0s", "7s", "3m 07s") so it does not flicker while ticking. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  return seconds < 10 ? l10n.t('{0}s', seconds) : formatDuration(seconds * 1000);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Marks a figure as an estimate, e.g. "≈ 1,234 (estimated)". */
export function estimate(text: string, estimated: boolean): string {
  return estimated ? l10n.t('≈ {0} (estimated)', text) : text;
}

/** "$0.0123"; sub-cent amounts keep four decimals so small runs do not read as free. */
export { formatUsd };

/** The cost line, or undefined while the cost is not known yet. `null` means the price is unknown. */
export function formatCost(costUsd: number | null | undefined, estimated: boolean): string | undefined {
  if (costUsd === undefined) return undefined;
  if (costUsd === null) return l10n.t('price unknown');
  return estimate(formatUsd(costUsd), estimated);
}

export interface UsageRow {
  readonly key: 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning';
  /** "Input tokens", translated. */
  readonly label: string;
  readonly value: string;
}

/** Input and output always; cache and reasoning only when non-zero. */
export function usageRows(usage: UsageView): UsageRow[] {
  const rows: { key: UsageRow['key']; label: string; n: number; always: boolean }[] = [
    { key: 'input', label: l10n.t('Input tokens'), n: usage.inputTokens, always: true },
    { key: 'output', label: l10n.t('Output tokens'), n: usage.outputTokens, always: true },
    { key: 'cacheRead', label: l10n.t('Cache read tokens'), n: usage.cacheReadTokens, always: false },
    { key: 'cacheWrite', label: l10n.t('Cache write tokens'), n: usage.cacheWriteTokens, always: false },
    { key: 'reasoning', label: l10n.t('Reasoning tokens'), n: usage.reasoningTokens, always: false },
  ];
  return rows
    .filter((row) => row.always || row.n > 0)
    .map((row) => ({ key: row.key, label: row.label, value: estimate(formatCount(row.n), usage.estimated) }));
}

export interface Timing {
  /** "Waiting", "Elapsed" or "Duration", translated. */
  readonly label: string;
  readonly ms: number;
  /** True when the value grows with the clock and should be redrawn every second. */
  readonly live: boolean;
}

/** Time waited in the queue, time running so far, or the final duration. */
export function taskTiming(task: Pick<TaskView, 'status' | 'createdAt' | 'startedAt' | 'finishedAt'>, now: number): Timing | undefined {
  if (task.startedAt === undefined) return task.status === 'queued' || task.status === 'waiting' ? { label: l10n.t('Waiting'), ms: now - task.createdAt, live: true } : undefined;
  if (task.status === 'running' || task.status === 'waiting') return { label: l10n.t('Elapsed'), ms: now - task.startedAt, live: true };
  if (task.finishedAt === undefined) return undefined;
  return { label: l10n.t('Duration'), ms: task.finishedAt - task.startedAt, live: false };
}

export function canCancel(status: TaskStatus): boolean {
  return status === 'queued' || status === 'waiting' || status === 'running';
}

export function canRetry(status: TaskStatus): boolean {
  return status === 'failed' || status === 'cancelled';
}

const PREVIEW_CHARS = 80;

/** The prompt's first non-empty line, shortened, for the collapsed prompt's header. */
export function promptPreview(prompt: string): string {
  const firstLine = prompt.trim().split('\n', 1)[0] ?? '';
  return firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS - 1)}…` : firstLine;
}
