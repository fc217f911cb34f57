// What each request of a provider batch becomes once the batch has ended: its result line, or,
// for a request the provider wrote no line for, what the batch's own ending says about it (it was
// cancelled, it expired, the batch failed validation). Errors are classified like any provider
// error, so a batch request that failed says the same things a local one would.
import { classifyError, failure } from '../domain/failureClassifier';
import type { ExternalResult } from '../domain/externalResult';
import { phrase, verbatim, type Phrase } from '../domain/phrase';
import type { BatchOutcome, BatchResult, ProviderBatchState } from '../domain/providerBatchApi';
import type { TaskFailure } from '../domain/taskFailure';
import { estimateUsage } from '../usage/tokenEstimate';

export interface SettleContext {
  readonly providerLabel: string;
  /** When the provider took the batch on (its creation), for the task's start. */
  readonly startedAt?: number;
  /** When the batch ended, for the task's end. */
  readonly finishedAt?: number;
}

/** `promptText`: the request's system prompt and prompt, to estimate usage a provider did not report. */
export function externalResultFor(result: BatchResult, context: SettleContext, promptText: string): ExternalResult {
  const times = { ...(context.startedAt !== undefined && { startedAt: context.startedAt }), ...(context.finishedAt !== undefined && { finishedAt: context.finishedAt }) };
  const ended = context.finishedAt !== undefined ? { finishedAt: context.finishedAt } : {};
  switch (result.kind) {
    case 'succeeded':
      return { kind: 'completed', output: result.text, usage: result.usage ?? estimateUsage(promptText, result.text), ...times };
    case 'errored': {
      const classified = classifyError(result.error);
      return { kind: 'failed', attempts: 1, failure: { ...classified, reason: phrase('batch.task.errored', { provider: context.providerLabel, error: classified.reason }) }, ...ended };
    }
    case 'cancelled':
      return cancelledAtProvider(context);
    case 'expired':
      return { kind: 'failed', attempts: 0, failure: expiredFailure(context), ...ended };
  }
}

/** A request the provider wrote no result for, by how its batch ended. */
export function missingResult(state: ProviderBatchState | undefined, context: SettleContext): ExternalResult {
  const outcome: BatchOutcome | undefined = state?.outcome;
  const ended = context.finishedAt !== undefined ? { finishedAt: context.finishedAt } : {};
  switch (outcome) {
    case 'cancelled':
      return cancelledAtProvider(context);
    case 'expired':
      return { kind: 'failed', attempts: 0, failure: expiredFailure(context), ...ended };
    case 'failed':
      return { kind: 'failed', attempts: 0, failure: batchFailure(state, context), ...ended };
    default: {
      const provider = context.providerLabel;
      const said = state ? phrase('batch.task.noResultIn', { provider, batch: state.id }) : phrase('batch.task.noResult', { provider });
      return { kind: 'failed', attempts: 0, failure: failure('PROTOCOL', said, { retryable: true }), ...ended };
    }
  }
}

function cancelledAtProvider(context: SettleContext): ExternalResult {
  return { kind: 'cancelled', reason: phrase('batch.task.cancelledAtProvider', { provider: context.providerLabel }) };
}

export function expiredFailure(context: Pick<SettleContext, 'providerLabel'>): TaskFailure {
  return failure('EXPIRED', phrase('batch.task.expired', { provider: context.providerLabel }));
}

/** A batch the provider refused as a whole (its input did not validate): why, with the first lines it named. */
export function batchFailure(state: ProviderBatchState | undefined, context: Pick<SettleContext, 'providerLabel'>): TaskFailure {
  const provider = context.providerLabel;
  // The provider's own words (its problem, each line's message) are not ours: they pass as they are.
  const lines: Phrase[] = (state?.lineErrors ?? []).slice(0, 3).map((e) => {
    const said = e.message !== undefined ? verbatim(e.message) : phrase('provider.batch.lineInvalid', {});
    return e.line !== undefined ? phrase('batch.task.lineError', { line: e.line, error: said }) : said;
  });
  const extra = (state?.lineErrors?.length ?? 0) - 3;
  const reasons = [...(state?.problem ? [state.problem] : []), ...lines];
  const why = reasons.length > 0 ? phrase('batch.task.refusedWhy', { reasons: joinReasons(reasons), more: extra > 0 ? phrase('batch.task.refusedMore', { count: extra }) : '' }) : '';
  return failure('BAD_REQUEST', state ? phrase('batch.task.refusedBatch', { provider, batch: state.id, why }) : phrase('batch.task.refused', { provider, why }));
}

/** The reasons one after another ("first; second; third"), as one phrase. */
function joinReasons(reasons: readonly Phrase[]): Phrase {
  return reasons.reduce((first, next) => phrase('batch.task.reasonAnd', { first, next }));
}
