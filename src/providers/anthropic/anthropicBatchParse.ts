// Anthropic's Message Batches objects in the job logic's words (reference §5.2): a MessageBatch
// becomes a ProviderBatchState, and each line of its results file a BatchResult. Anthropic reports
// per-request counts only once the whole batch has ended, so progress is "unknown" until then
// (unless a server does report it, which is then shown). Timestamps are RFC 3339 strings.
import * as v from 'valibot';
import { ProviderError } from '../../core/domain/chatProvider';
import type { BatchOutcome, BatchPhase, BatchResult, ProviderBatchState } from '../../core/domain/providerBatchApi';
import { anthropicUsageSchema, anthropicUsageToTokenUsage } from './anthropicUsage';
import { phrase } from '../../core/domain/phrase';

const num = v.optional(v.nullable(v.number()));
const str = v.optional(v.nullable(v.string()));

const BatchSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  processing_status: v.string(),
  request_counts: v.optional(v.nullable(v.object({ processing: num, succeeded: num, errored: num, canceled: num, expired: num }))),
  created_at: str,
  expires_at: str,
  ended_at: str,
  cancel_initiated_at: str,
  results_url: str,
});

export type AnthropicBatch = v.InferOutput<typeof BatchSchema>;

const PHASES: Readonly<Record<string, BatchPhase>> = { in_progress: 'in_progress', canceling: 'cancelling', ended: 'ended' };

export function parseAnthropicBatch(json: unknown, providerId: string, label: string): AnthropicBatch {
  const parsed = v.safeParse(BatchSchema, json);
  if (!parsed.success) throw new ProviderError(phrase('provider.batch.notMessageBatch', { provider: label }), { kind: 'protocol', providerId });
  return parsed.output;
}

/** `resultsPath`: where the results are, relative to the base URL (see AnthropicBatchClient.resultsPath). */
export function anthropicBatchState(batch: AnthropicBatch, resultsPath: string): ProviderBatchState {
  const phase = PHASES[batch.processing_status] ?? 'in_progress';
  const c = batch.request_counts;
  const [processing, succeeded, errored, canceled, expired] = [c?.processing, c?.succeeded, c?.errored, c?.canceled, c?.expired].map(whole) as [number, number, number, number, number];
  const done = succeeded + errored + canceled + expired;
  const outcome: BatchOutcome | undefined = phase !== 'ended' ? undefined : batch.cancel_initiated_at ? 'cancelled' : expired > 0 ? 'expired' : 'completed';
  return {
    id: batch.id,
    phase,
    providerStatus: batch.processing_status,
    ...(outcome && { outcome }),
    counts: { total: processing + done, done, failed: errored + canceled + expired },
    progressKnown: phase === 'ended' || done > 0,
    ...time('createdAt', batch.created_at),
    ...time('expiresAt', batch.expires_at),
    ...time('endedAt', batch.ended_at),
    resultsRef: { path: resultsPath },
  };
}

const ResultSchema = v.object({
  custom_id: v.pipe(v.string(), v.minLength(1)),
  result: v.object({
    type: v.string(),
    message: v.optional(v.object({ content: v.optional(v.array(v.object({ type: v.string(), text: v.optional(v.string()) }))), usage: v.optional(v.nullable(anthropicUsageSchema)), stop_reason: str })),
    error: v.optional(v.object({ type: str, error: v.optional(v.nullable(v.object({ type: str, message: str }))), message: str })),
  }),
});

/** One line of a results file; undefined when the line names no request. */
export function anthropicBatchResult(json: unknown, providerId: string, label: string): BatchResult | undefined {
  const parsed = v.safeParse(ResultSchema, json);
  if (!parsed.success) return undefined;
  const { custom_id: customId, result } = parsed.output;
  switch (result.type) {
    case 'succeeded': {
      const message = result.message;
      const text = (message?.content ?? []).flatMap((block) => (block.type === 'text' && block.text !== undefined ? [block.text] : [])).join('');
      return { customId, kind: 'succeeded', text, ...(message?.usage && { usage: anthropicUsageToTokenUsage(message.usage) }), ...(message?.stop_reason && { finishReason: message.stop_reason }) };
    }
    case 'canceled':
      return { customId, kind: 'cancelled' };
    case 'expired':
      return { customId, kind: 'expired' };
    case 'errored': {
      // The error object is the one a Messages call would have answered with: {type: "error", error: {type, message}}.
      const inner = result.error?.error;
      const type = inner?.type ?? result.error?.type ?? undefined;
      const detail = inner?.message ?? result.error?.message ?? phrase('provider.batch.requestFailed', {});
      return { customId, kind: 'errored', error: new ProviderError(phrase('provider.vendorSaid', { provider: label, detail }), { kind: 'stream', providerId, ...(type && { vendorType: type }) }) };
    }
    default:
      return { customId, kind: 'errored', error: new ProviderError(phrase('provider.batch.unknownResultType', { provider: label, type: result.type }), { kind: 'protocol', providerId }) };
  }
}

function whole(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function time<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, number>> {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ({ [key]: ms } as Record<K, number>) : {};
}
