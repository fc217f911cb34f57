// OpenAI's Batch API objects in the job logic's words (reference §5.1): a Batch object becomes a
// ProviderBatchState, and each line of its output or error file a BatchResult. Fields are read
// defensively (a gateway may omit or add some); a status the API adds later reads as "in progress"
// rather than breaking the job.
import * as v from 'valibot';
import { ProviderError } from '../../core/domain/chatProvider';
import type { BatchLineError, BatchOutcome, BatchPhase, BatchResult, ProviderBatchState } from '../../core/domain/providerBatchApi';
import { vendorErrorFromJson } from '../http/vendorError';
import { openAiChunkSchema } from './openAiChunk';
import { firstChoice } from './openAiStreamParts';
import { openAiUsageToTokenUsage } from './openAiUsage';
import { phrase, verbatim } from '../../core/domain/phrase';

const num = v.optional(v.nullable(v.number()));
const str = v.optional(v.nullable(v.string()));

const BatchSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  status: v.string(),
  output_file_id: str,
  error_file_id: str,
  created_at: num,
  expires_at: num,
  completed_at: num,
  failed_at: num,
  expired_at: num,
  cancelled_at: num,
  request_counts: v.optional(v.nullable(v.object({ total: num, completed: num, failed: num }))),
  errors: v.optional(v.nullable(v.object({ data: v.optional(v.nullable(v.array(v.object({ code: str, message: str, line: num })))) }))),
  metadata: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
});

export type OpenAiBatch = v.InferOutput<typeof BatchSchema>;

const PHASES: Readonly<Record<string, { phase: BatchPhase; outcome?: BatchOutcome }>> = {
  validating: { phase: 'validating' },
  in_progress: { phase: 'in_progress' },
  finalizing: { phase: 'finalizing' },
  cancelling: { phase: 'cancelling' },
  completed: { phase: 'ended', outcome: 'completed' },
  failed: { phase: 'ended', outcome: 'failed' },
  expired: { phase: 'ended', outcome: 'expired' },
  cancelled: { phase: 'ended', outcome: 'cancelled' },
};

/** The Batch object in a response body, or a protocol error naming what is wrong. */
export function parseOpenAiBatch(json: unknown, providerId: string, label: string): OpenAiBatch {
  const parsed = v.safeParse(BatchSchema, json);
  if (!parsed.success) throw new ProviderError(phrase('provider.batch.notBatchObject', { provider: label }), { kind: 'protocol', providerId });
  return parsed.output;
}

export function openAiBatchState(batch: OpenAiBatch): ProviderBatchState {
  const known = PHASES[batch.status] ?? { phase: 'in_progress' as const };
  const counts = batch.request_counts;
  const total = whole(counts?.total);
  const failed = whole(counts?.failed);
  const ms = (seconds: number | null | undefined): number | undefined => (typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined);
  const endedAt = ms(batch.completed_at) ?? ms(batch.failed_at) ?? ms(batch.expired_at) ?? ms(batch.cancelled_at);
  const lineErrors: BatchLineError[] = (batch.errors?.data ?? []).map((e) => ({ ...(e.message && { message: e.message }), ...(typeof e.line === 'number' && { line: e.line }), ...(e.code && { code: e.code }) }));
  return {
    id: batch.id,
    phase: known.phase,
    providerStatus: batch.status,
    ...(known.outcome && { outcome: known.outcome }),
    counts: { total, done: Math.min(total || Infinity, whole(counts?.completed) + failed), failed },
    progressKnown: counts !== undefined && counts !== null,
    ...optionalTime('createdAt', ms(batch.created_at)),
    ...optionalTime('expiresAt', ms(batch.expires_at)),
    ...optionalTime('endedAt', endedAt),
    ...(lineErrors.length > 0 && { lineErrors }),
    ...(known.outcome === 'failed' && { problem: phrase(lineErrors.length > 0 ? 'provider.batch.inputInvalid' : 'provider.batch.failedWhole', {}) }),
    resultsRef: { ...(batch.output_file_id && { output: batch.output_file_id }), ...(batch.error_file_id && { errors: batch.error_file_id }) },
  };
}

const LineSchema = v.object({
  custom_id: v.pipe(v.string(), v.minLength(1)),
  response: v.optional(v.nullable(v.object({ status_code: num, body: v.optional(v.unknown()) }))),
  error: v.optional(v.nullable(v.object({ code: str, message: str }))),
});

/** One line of an output or error file; undefined when the line names no request. */
export function openAiBatchResult(json: unknown, providerId: string, label: string): BatchResult | undefined {
  const parsed = v.safeParse(LineSchema, json);
  if (!parsed.success) return undefined;
  const { custom_id: customId, response, error } = parsed.output;
  if (error && !response) {
    if (error.code === 'batch_expired') return { customId, kind: 'expired' };
    if (error.code === 'batch_cancelled') return { customId, kind: 'cancelled' };
    return { customId, kind: 'errored', error: new ProviderError(error.message ?? error.code ? verbatim(error.message ?? error.code ?? '') : phrase('provider.batch.requestFailed', {}), { kind: 'stream', providerId, ...(error.code && { vendorCode: error.code }) }) };
  }
  const status = response?.status_code ?? 0;
  if (status < 200 || status > 299) {
    const vendor = vendorErrorFromJson(response?.body);
    return {
      customId,
      kind: 'errored',
      error: new ProviderError(phrase('provider.http', { status, provider: label, detail: vendor?.message ?? error?.message ?? phrase('provider.noDetails', {}) }), {
        kind: 'http',
        providerId,
        status,
        ...(vendor?.type !== undefined && { vendorType: vendor.type }),
        ...(vendor?.code !== undefined && { vendorCode: vendor.code }),
      }),
    };
  }
  const completion = v.safeParse(openAiChunkSchema, response?.body);
  if (!completion.success || !Array.isArray((response?.body as { choices?: unknown } | undefined)?.choices)) {
    return { customId, kind: 'errored', error: new ProviderError(phrase('provider.batch.resultNotCompletion', { provider: label }), { kind: 'protocol', providerId }) };
  }
  const choice = firstChoice(completion.output.choices);
  return {
    customId,
    kind: 'succeeded',
    text: choice?.message?.content ?? '',
    ...(completion.output.usage && { usage: openAiUsageToTokenUsage(completion.output.usage) }),
    ...(choice?.finish_reason && { finishReason: choice.finish_reason }),
  };
}

function whole(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function optionalTime<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
