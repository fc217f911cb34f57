// The text of one results row's cells. No DOM: shared by the table and the comparison columns.
import * as l10n from '@vscode/l10n';
import type { BatchHeader, ResultRow } from '../../src/shared/resultsProtocol';
import { formatCount, formatDuration, formatElapsed, formatUsd, statusLabel } from '../format';
import { rowDurationMs } from './resultsModel';

export function durationText(row: ResultRow, now: number): string {
  const ms = rowDurationMs(row, now);
  if (ms === undefined) return row.status === 'queued' ? l10n.t('waiting') : '—';
  return row.finishedAt === undefined ? formatElapsed(ms) : formatDuration(ms);
}

/** "1,234 → 567", "≈ 1,234 → 567 (est.)", or "—". */
export function tokensText(row: ResultRow): string {
  if (row.inputTokens === undefined) return '—';
  const text = `${formatCount(row.inputTokens)} → ${formatCount(row.outputTokens ?? 0)}`;
  return row.estimated ? l10n.t('≈ {0} (est.)', text) : text;
}

export function costText(row: ResultRow): string {
  if (row.costUsd === undefined) return '—';
  if (row.costUsd === null) return l10n.t('price unknown');
  return row.estimated ? l10n.t('≈ {0} (est.)', formatUsd(row.costUsd)) : formatUsd(row.costUsd);
}

export function statusText(row: ResultRow): string {
  return row.statusDetail && (row.status === 'queued' || row.status === 'running') ? l10n.t('{0}: {1}', statusLabel(row.status), row.statusDetail) : statusLabel(row.status);
}

export function previewText(row: ResultRow): string {
  if (row.status === 'failed' && row.errorCode) return l10n.t('{0}: {1}', row.errorCode, row.errorMessage ?? '');
  return row.preview || (row.status === 'queued' ? '' : row.status === 'running' ? '…' : l10n.t('(no output)'));
}

/** "87/113 done · 2 failed · 4 running · $0.41" */
export function progressText(b: BatchHeader): string {
  const parts = [l10n.t('{0}/{1} done', b.done, b.total)];
  if (b.failed > 0) parts.push(l10n.t('{0} failed', b.failed));
  if (b.cancelled > 0) parts.push(l10n.t('{0} cancelled', b.cancelled));
  if (b.running > 0) parts.push(l10n.t('{0} running', b.running));
  parts.push(b.costUnknown ? l10n.t('{0} + unknown', formatUsd(b.costUsd)) : formatUsd(b.costUsd));
  return parts.join(' · ');
}

/** "67 %", or "—" for a row without checks (or not finished). */
export function scoreCellText(row: ResultRow): string {
  return row.quality ? `${Math.round(row.quality.score * 100)} %` : '—';
}

/** The hover of a score cell: how many checks passed, and each failed one with why. */
export function scoreCellTitle(row: ResultRow): string {
  const q = row.quality;
  if (!q) return l10n.t('No checks (the prompt file declares none, or the task has not completed)');
  const score = q.score.toFixed(2);
  const lines = [q.total === 1 ? l10n.t('{0} of {1} check passed (score {2})', q.passed, q.total, score) : l10n.t('{0} of {1} checks passed (score {2})', q.passed, q.total, score)];
  if (q.failed.length > 0) lines.push(l10n.t('Failed:'), ...q.failed.map((f) => `• ${f.check} — ${f.reason}`));
  return lines.join('\n');
}
