// Describes how one attempt ended for the provider's governor: the failure class (the run's own
// abort reason wins over the provider's "aborted" error), the server's retry-after and rate-limit
// headers, and the usage or token estimate that settles the rate budget.
import { runAbortReason } from '../domain/abortReasons';
import { ProviderError } from '../domain/chatProvider';
import { classifyError, failure } from '../domain/failureClassifier';
import type { AttemptReport } from '../limits/providerGovernor';
import type { TaskFailure } from '../domain/taskFailure';
import type { TokenUsage } from '../domain/tokenUsage';

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
