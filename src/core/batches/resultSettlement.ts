// What each request of a provider batch becomes once the batch has ended: its result line, or,
// for a request the provider wrote no line for, what the batch's own ending says about it (it was
// cancelled, it expired, the batch failed validation). Errors are classified like any provider
// error, so a batch request that failed says the same things a local one would.
import { classifyError, failure } from '../domain/failureClassifier';
import type { ExternalResult } from '../domain/externalResult';
import type { BatchOutcome, BatchResult, ProviderBatchState } from '../domain/providerBatchApi';
import type { TaskFailure } from '../domain/taskFailure';
import { estimateUsage } from '../usage/tokenEstimate';
import { phrase, verbatim } from '../domain/phrase';

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
      return { kind: 'failed', attempts: 1, failure: { ...classified, reason: phrase('failure.inContext', { context: verbatim(`In the ${context.providerLabel} batch`), reason: classified.reason }) }, ...ended };
    }
    case 'cancelled':
      return { kind: 'cancelled', reason: verbatim(`Cancelled at ${context.providerLabel} before it ran (the provider batch was cancelled).`) };
    case 'expired':
      return { kind: 'failed', attempts: 0, failure: expiredFailure(context.providerLabel), ...ended };
  }
}

/** A request the provider wrote no result for, by how its batch ended. */
export function missingResult(state: ProviderBatchState | undefined, context: SettleContext): ExternalResult {
  const outcome: BatchOutcome | undefined = state?.outcome;
  const ended = context.finishedAt !== undefined ? { finishedAt: context.finishedAt } : {};
  switch (outcome) {
    case 'cancelled':
      return { kind: 'cancelled', reason: verbatim(`Cancelled at ${context.providerLabel} before it ran (the provider batch was cancelled).`) };
    case 'expired':
      return { kind: 'failed', attempts: 0, failure: expiredFailure(context.providerLabel), ...ended };
    case 'failed':
      return { kind: 'failed', attempts: 0, failure: batchFailure(state, context.providerLabel), ...ended };
    default:
      return { kind: 'failed', attempts: 0, failure: failure('PROTOCOL', verbatim(`${context.providerLabel} ended the batch${state ? ` ${state.id}` : ''} without a result for this request.`), { retryable: true }), ...ended };
  }
}

export function expiredFailure(providerLabel: string): TaskFailure {
  return failure('EXPIRED', verbatim(`${providerLabel} did not run this request within the provider batch's 24-hour window.`));
}

/** A batch the provider refused as a whole (its input did not validate): why, with the first lines it named. */
export function batchFailure(state: ProviderBatchState | undefined, providerLabel: string): TaskFailure {
  const lines = (state?.lineErrors ?? []).slice(0, 3).map((e) => `${e.line !== undefined ? `line ${e.line}: ` : ''}${e.message}`);
  const more = (state?.lineErrors?.length ?? 0) > 3 ? ` (and ${(state?.lineErrors?.length ?? 0) - 3} more)` : '';
  const why = [state?.problem, ...lines].filter((t): t is string => !!t).join('; ');
  return failure('BAD_REQUEST', verbatim(`${providerLabel} refused the provider batch${state ? ` ${state.id}` : ''}${why ? `: ${why}${more}` : ''}.`));
}
