// The flat, self-describing shape of one exported task. Every text a model, a provider or a person
// produced passes through `redact` here, so no export format can forget to blank out a key.
import type { FailureCode } from '../domain/taskFailure';
import { stepFigures } from '../domain/workflowStep';
import type { Priority, Task, TaskStatus } from '../domain/taskModel';
import type { TokenUsage } from '../domain/tokenUsage';
import type { PromptFileRef, QualityScore, Rating } from '../domain/quality';
import type { PhraseWords } from '../domain/phrase';
import { failureRemediation } from '../domain/taskFailure';

export interface ExportRecord {
  readonly id: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly providerId: string;
  readonly provider: string;
  readonly model: string;
  readonly priority: Priority;
  readonly batchId?: string;
  readonly retryOf?: string;
  /** ISO 8601 (UTC). */
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly timeToFirstTokenMs?: number;
  readonly attempts: number;
  readonly retriedFailures?: readonly FailureCode[];
  readonly usage?: TokenUsage;
  /** USD; null when the model's price is unknown. */
  readonly costUsd?: number | null;
  readonly error?: { readonly code: FailureCode; readonly message: string; readonly remediation: string };
  readonly systemPrompt?: string;
  readonly prompt: string;
  readonly output: string;
  /** Share of the prompt file's checks passed (0–1), with each failed check named in words. */
  readonly quality?: ExportQuality;
  readonly rating?: Rating;
  readonly promptFile?: PromptFileRef;
  readonly steps?: readonly ExportStep[];
  readonly log?: readonly { readonly at: string; readonly level: string; readonly message: string; readonly attempt?: number; readonly step?: string }[];
}

/** A task's score as exported: the failed checks written in the exporting window's language. */
export interface ExportQuality extends Omit<QualityScore, 'failed'> {
  readonly failed: readonly { readonly check: string; readonly reason: string }[];
}

export interface ExportStep {
  readonly name: string;
  readonly status: string;
  readonly attempts: number;
  readonly usage?: TokenUsage;
  readonly costUsd?: number | null;
  readonly error?: string;
  /** Reused from the run this one retried (its usage is counted there). */
  readonly carried?: boolean;
  readonly output: string;
}

export interface ExportContext {
  readonly redact: (text: string) => string;
  readonly providerLabel: (providerId: string) => string;
  /** Writes a phrase in the reader's language (the adapter's phraseText): core writes no English. */
  readonly words: PhraseWords;
}

export function toExportRecord(task: Task, ctx: ExportContext): ExportRecord {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    id: task.id,
    title: ctx.redact(task.title),
    status: task.status,
    providerId: task.providerId,
    provider: ctx.providerLabel(task.providerId),
    model: task.model,
    priority: task.priority,
    ...(task.batchId !== undefined && { batchId: task.batchId }),
    ...(task.retryOf !== undefined && { retryOf: task.retryOf }),
    createdAt: iso(task.createdAt),
    ...(task.startedAt !== undefined && { startedAt: iso(task.startedAt) }),
    ...(task.finishedAt !== undefined && { finishedAt: iso(task.finishedAt) }),
    ...(task.startedAt !== undefined && task.finishedAt !== undefined && { durationMs: task.finishedAt - task.startedAt }),
    ...(task.startedAt !== undefined && task.firstTokenAt !== undefined && { timeToFirstTokenMs: task.firstTokenAt - task.startedAt }),
    attempts: task.attempts,
    ...(task.retriedFailures?.length && { retriedFailures: [...task.retriedFailures] }),
    ...(task.usage !== undefined && { usage: { ...task.usage } }),
    ...(task.costUsd !== undefined && { costUsd: task.costUsd }),
    ...(task.error !== undefined && { error: { code: task.error.code, message: ctx.redact(ctx.words(task.error.reason)), remediation: ctx.words(failureRemediation(task.error)) } }),
    ...(task.systemPrompt !== undefined && { systemPrompt: ctx.redact(task.systemPrompt) }),
    prompt: ctx.redact(task.prompt),
    output: ctx.redact(task.output),
    ...(task.quality && { quality: { ...task.quality, failed: task.quality.failed.map((f) => ({ check: ctx.redact(ctx.words(f.check)), reason: ctx.redact(ctx.words(f.reason)) })) } }),
    ...(task.rating && { rating: task.rating }),
    ...(task.promptFile && { promptFile: task.promptFile }),
    ...(task.steps && {
      steps: task.steps.map((s) => ({ ...stepFigures(s, (reason) => ctx.redact(ctx.words(reason))), output: ctx.redact(s.output) })),
    }),
    ...(task.log?.length && {
      log: task.log.map((l) => ({ at: iso(l.at), level: l.level, message: ctx.redact(ctx.words(l.message)), ...(l.attempt !== undefined && { attempt: l.attempt }), ...(l.step !== undefined && { step: task.steps?.[l.step]?.name ?? String(l.step) }) })),
    }),
  };
}
