// Describes how one attempt ended for the provider's governor: the failure class (the run's own
// abort reason wins over the provider's "aborted" error), the server's retry-after and rate-limit
// headers, and the usage or token estimate that settles the rate budget; and the log line it gets.
import { runAbortReason } from '../domain/abortReasons';
import { ProviderError } from '../domain/chatProvider';
import { classifyError, failure } from '../domain/failureClassifier';
import type { AttemptReport } from '../limits/providerGovernor';
import type { TaskFailure } from '../domain/taskFailure';
import type { TokenUsage } from '../domain/tokenUsage';
import { phrase, type Phrase } from '../domain/phrase';
import type { RetryDecision } from './retryDecision';

export function attemptReport(error: unknown, signal: AbortSignal, usage: TokenUsage | undefined, estimatedTokens: number): AttemptReport {
  const details = error instanceof ProviderError ? error.details : undefined;
  return {
    failure: attemptFailure(error, signal),
    ...(details?.retryAfterMs !== undefined && { retryAfterMs: details.retryAfterMs }),
    ...(details?.rateLimits !== undefined && { rateLimits: details.rateLimits }),
    ...(usage !== undefined && { usage }),
    estimatedTokens,
  };
}

function attemptFailure(error: unknown, signal: AbortSignal): TaskFailure {
  const reason = runAbortReason(signal);
  if (reason?.kind === 'timeout') return failure('TIMEOUT', reason.reason, { limit: reason.limit });
  if (reason?.kind === 'cancel') return failure('CANCELLED', reason.reason);
  return classifyError(error);
}

/** The log line for a failed attempt: its class, HTTP status and request id, and what comes next. */
export function failedAttemptLine(failure: TaskFailure, error: unknown, decision: RetryDecision): Phrase {
  const requestId = error instanceof ProviderError ? error.details.requestId : undefined;
  let facts: Phrase = phrase('log.facts.code', { code: failure.code });
  if (failure.status !== undefined) facts = phrase('log.facts.status', { facts, status: failure.status });
  if (requestId) facts = phrase('log.facts.request', { facts, requestId });
  const next = decision.kind === 'retry' ? phrase('log.next.retry', { seconds: Math.ceil(decision.waitMs / 1000) }) : decision.kind === 'requeue' ? phrase('log.next.requeue', {}) : phrase('log.next.stop', {});
  return phrase('log.attemptFailed', { facts, reason: failure.reason, next });
}
