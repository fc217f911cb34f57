// Tasks → the rows of the results view. Text passes the redactor (model output may echo a key);
// a running task's figures are the live estimates, flagged as such.
import * as l10n from '@vscode/l10n';
import type { Task } from '../../core/domain/taskModel';
import type { BatchSummary } from '../../core/results/batchSummary';
import { memberLabel } from '../../core/results/batchSummary';
import type { BatchHeader, ResultRow } from '../../shared/resultsProtocol';
import type { TaskViewContext } from '../panel/taskViewMapper';
import { failureReasonText } from '../format/failureText';
import { phraseText } from '../format/phraseText';

const PREVIEW_LINES = 3;
const PREVIEW_CHARS = 240;
/** A comparison column holds at most this much of each output. */
const MAX_COLUMN_CHARS = 100_000;

/** The first non-empty lines, fences and markdown noise stripped, as plain text. */
export function outputPreview(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(```|~~~)/.test(l))
    .slice(0, PREVIEW_LINES)
    .join(' ⏎ ');
  return lines.length > PREVIEW_CHARS ? `${lines.slice(0, PREVIEW_CHARS - 1)}…` : lines;
}

export function toResultRow(task: Task, summary: BatchSummary, seq: number, ctx: TaskViewContext): ResultRow {
  const live = task.usage === undefined ? ctx.liveUsage?.(task) : undefined;
  const usage = task.usage ?? live?.usage;
  const cost = task.usage ? task.costUsd : live?.costUsd;
  const output = ctx.redact(task.output);
  return {
    id: task.id,
    seq,
    label: ctx.redact(memberLabel(task, summary.kind)),
    status: task.status,
    ...(task.statusDetail !== undefined && { statusDetail: phraseText(task.statusDetail) }),
    providerLabel: ctx.providerLabel(task.providerId),
    model: task.model,
    createdAt: task.createdAt,
    ...(task.startedAt !== undefined && { startedAt: task.startedAt }),
    ...(task.finishedAt !== undefined && { finishedAt: task.finishedAt }),
    ...(usage && { inputTokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens, outputTokens: usage.outputTokens }),
    estimated: usage?.estimated ?? false,
    ...(cost !== undefined && { costUsd: cost }),
    preview: outputPreview(output),
    ...(task.error && task.status === 'failed' && { errorCode: task.error.code, errorMessage: ctx.redact(failureReasonText(task.error)) }),
    ...(task.quality && { quality: { ...task.quality, failed: task.quality.failed.map((f) => ({ check: ctx.redact(phraseText(f.check)), reason: ctx.redact(phraseText(f.reason)) })) } }),
    ...(task.rating && { rating: task.rating }),
    ...(summary.kind === 'models' && { output: output.length > MAX_COLUMN_CHARS ? `${output.slice(0, MAX_COLUMN_CHARS)}\n\n[${l10n.t('… {0} more characters; open the task to see all', output.length - MAX_COLUMN_CHARS)}]` : output }),
  };
}

export function toBatchHeader(s: BatchSummary, ctx: TaskViewContext): BatchHeader {
  return {
    batchId: s.batchId,
    kind: s.kind,
    title: ctx.redact(s.title),
    instruction: ctx.redact(s.instruction),
    total: s.total,
    done: s.done,
    completed: s.completed,
    failed: s.failed,
    cancelled: s.cancelled,
    running: s.running,
    queued: s.queued,
    costUsd: s.costUsd,
    costUnknown: s.costUnknown,
    active: s.active,
    simulated: s.members.some((t) => t.simulated === true),
  };
}
