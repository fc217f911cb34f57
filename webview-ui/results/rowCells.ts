// The text of one results row's cells. No DOM: shared by the table and the comparison columns.
import type { BatchHeader, ResultRow } from '../../src/shared/resultsProtocol';
import { formatCount, formatDuration, formatElapsed, formatUsd, STATUS_LABELS } from '../format';
import { rowDurationMs } from './resultsModel';

export function durationText(row: ResultRow, now: number): string {
  const ms = rowDurationMs(row, now);
  if (ms === undefined) return row.status === 'queued' ? 'waiting' : '—';
  return row.finishedAt === undefined ? formatElapsed(ms) : formatDuration(ms);
}

/** "1,234 → 567", "≈ 1,234 → 567 (est.)", or "—". */
export function tokensText(row: ResultRow): string {
  if (row.inputTokens === undefined) return '—';
  const text = `${formatCount(row.inputTokens)} → ${formatCount(row.outputTokens ?? 0)}`;
  return row.estimated ? `≈ ${text} (est.)` : text;
}

export function costText(row: ResultRow): string {
  if (row.costUsd === undefined) return '—';
  if (row.costUsd === null) return 'price unknown';
  return row.estimated ? `≈ ${formatUsd(row.costUsd)} (est.)` : formatUsd(row.costUsd);
}

export function statusText(row: ResultRow): string {
  return row.statusDetail && (row.status === 'queued' || row.status === 'running') ? `${STATUS_LABELS[row.status]}: ${row.statusDetail}` : STATUS_LABELS[row.status];
}

export function previewText(row: ResultRow): string {
  if (row.status === 'failed' && row.errorCode) return `${row.errorCode}: ${row.errorMessage ?? ''}`;
  return row.preview || (row.status === 'queued' ? '' : row.status === 'running' ? '…' : '(no output)');
}

/** "87/113 done · 2 failed · 4 running · $0.41" */
export function progressText(b: BatchHeader): string {
  const parts = [`${b.done}/${b.total} done`];
  if (b.failed > 0) parts.push(`${b.failed} failed`);
  if (b.cancelled > 0) parts.push(`${b.cancelled} cancelled`);
  if (b.running > 0) parts.push(`${b.running} running`);
  parts.push(`${formatUsd(b.costUsd)}${b.costUnknown ? ' + unknown' : ''}`);
  return parts.join(' · ');
}

/** "67 %", or "—" for a row without checks (or not finished). */
export function scoreCellText(row: ResultRow): string {
  return row.quality ? `${Math.round(row.quality.score * 100)} %` : '—';
}

/** The hover of a score cell: how many checks passed, and each failed one with why. */
export function scoreCellTitle(row: ResultRow): string {
  const q = row.quality;
  if (!q) return 'No checks (the prompt file declares none, or the task has not completed)';
  const lines = [`${q.passed} of ${q.total} check${q.total === 1 ? '' : 's'} passed (score ${q.score.toFixed(2)})`];
  if (q.failed.length > 0) lines.push('Failed:', ...q.failed.map((f) => `• ${f.check} — ${f.reason}`));
  return lines.join('\n');
}
