// Describes how one attempt ended for the provider's governor: the failure class (the run's own
// abort reason wins over the provider's "aborted" error), the server's retry-after and rate-limit
// headers, and the usage or token estimate that settles the rate budget; and the log line it gets.
import { runAbortReason } from '../domain/abortReasons';
import { ProviderError } from '../domain/chatProvider';
import { classifyError, failure } from '../domain/failureClassifier';
import type { AttemptReport } from '../limits/providerGovernor';
import type { TaskFailure } from '../domain/taskFailure';
import type { TokenUsage } from '../domain/tokenUsage';
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
  if (reason?.kind === 'timeout') return failure('TIMEOUT', reason.message, { limit: reason.limit });
  if (reason?.kind === 'cancel') return failure('CANCELLED', reason.message);
  return classifyError(error);
}

/** The log line for a failed attempt: its class, HTTP status and request id, and what comes next. */
export function failedAttemptLine(failure: TaskFailure, error: unknown, decision: RetryDecision): string {
  const requestId = error instanceof ProviderError ? error.details.requestId : undefined;
  const facts = [failure.code, ...(failure.status !== undefined ? [`HTTP ${failure.status}`] : []), ...(requestId ? [`request ${requestId}`] : [])].join(', ');
  const next = decision.kind === 'retry' ? `retrying in ${Math.ceil(decision.waitMs / 1000)}s` : decision.kind === 'requeue' ? 'back in line for the provider' : 'no retry';
  return `failed (${facts}): ${failure.message}; ${next}`;
}
