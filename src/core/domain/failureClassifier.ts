// Maps whatever went wrong into exactly one failure class. The class, not the raw status, decides
// retryability: e.g. a 429 is retried, but a 429 whose code is insufficient_quota is not (unlike
// the official SDKs, which retry it pointlessly).
import { TimeoutReason, timeoutText } from './abortReasons';
import { ProviderError, type ProviderErrorDetails } from './chatProvider';
import type { FailureCode, TaskFailure } from './taskFailure';

interface FailureClass {
  readonly retryable: boolean;
  readonly remediation: string;
}

const CLASSES: Readonly<Record<FailureCode, FailureClass>> = {
  AUTH: { retryable: false, remediation: 'Check the API key: run "AI Tasks: Set API Key…".' },
  CONFIG: { retryable: false, remediation: 'Fix the provider\'s base URL in the settings, then retry the task.' },
  PERMISSION: { retryable: false, remediation: 'The key is valid but not allowed to use this model or region; check the account\'s permissions.' },
  NOT_FOUND: { retryable: false, remediation: 'Check the model id and the base URL in the settings, or pick another model.' },
  BAD_REQUEST: { retryable: false, remediation: 'The provider rejected the request; check the model\'s options (max tokens, temperature).' },
  CONTEXT_TOO_LONG: { retryable: false, remediation: 'Shorten the prompt or the selection, or choose a model with a larger context window.' },
  QUOTA_EXHAUSTED: { retryable: false, remediation: 'The account\'s quota or credit is used up; check billing with the provider. Retrying will not help.' },
  RATE_LIMITED: { retryable: true, remediation: 'The provider is rate limiting; lower the concurrency or wait and retry.' },
  OVERLOADED: { retryable: true, remediation: 'The provider is overloaded; retry later or use another model.' },
  SERVER_ERROR: { retryable: true, remediation: 'The provider had an internal error; retry later.' },
  NETWORK: { retryable: true, remediation: 'Check that the server is running and reachable at the configured base URL.' },
  TIMEOUT: { retryable: true, remediation: 'Raise "aiTaskQueue.timeoutSeconds" (or give the task a longer time limit), shorten the prompt, or retry.' },
  CANCELLED: { retryable: false, remediation: 'Retry the task to run it again.' },
  PROVIDER_UNAVAILABLE: { retryable: true, remediation: 'The provider failed repeatedly and is paused for a moment; tasks resume automatically.' },
  PROTOCOL: { retryable: true, remediation: 'The server sent a response that is not valid for its API; check that the base URL points at the right kind of server.' },
  UNKNOWN: { retryable: false, remediation: 'See the "AI Task Queue" output channel for details.' },
  INTERRUPTED: { retryable: true, remediation: 'Resume it to run it again: "AI Tasks: Resume Interrupted Tasks", or Retry on this task.' },
  EXPIRED: { retryable: true, remediation: 'Retry it: "Retry Failed Requests" on its provider batch sends the expired requests again (as a new provider batch, or through the local queue).' },
};

/** A stalled stream is not cured by a longer total limit: its advice names the idle limit. */
const IDLE_TIMEOUT_REMEDIATION = 'The provider stopped sending data: retry, or raise "aiTaskQueue.idleTimeoutSeconds" for slow local models.';

export function failure(code: FailureCode, message: string, extra?: Partial<Pick<TaskFailure, 'status' | 'limit' | 'retryable' | 'remediation'>>): TaskFailure {
  const cls = CLASSES[code];
  const remediation = code === 'TIMEOUT' && extra?.limit === 'idle' ? IDLE_TIMEOUT_REMEDIATION : cls.remediation;
  return { code, message, remediation, retryable: extra?.retryable ?? cls.retryable, ...stripUndefined(extra) };
}

/** Base URLs are machine-scoped settings, which a remote window reads only from its Remote tab. */
function configRemediation(setting: string | undefined): string | undefined {
  return setting === undefined ? undefined : `Fix "${setting}" in the settings (in a remote window: the Settings editor's Remote tab), then retry the task.`;
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const CONTEXT_HINTS = /context[_ ]length|context window|too many tokens|maximum context|prompt is too long|model_context_window_exceeded/i;

function codeForHttp(d: ProviderErrorDetails, message: string): FailureCode {
  const vendor = `${d.vendorType ?? ''} ${d.vendorCode ?? ''}`;
  if (/insufficient_quota|billing/i.test(vendor)) return 'QUOTA_EXHAUSTED';
  if (/overloaded/i.test(vendor)) return 'OVERLOADED';
  if (CONTEXT_HINTS.test(vendor) || CONTEXT_HINTS.test(message)) return 'CONTEXT_TOO_LONG';
  const status = d.status ?? 0;
  if (status === 401) return 'AUTH';
  if (status === 402) return 'QUOTA_EXHAUSTED';
  if (status === 403) return 'PERMISSION';
  if (status === 404) return 'NOT_FOUND';
  if (status === 408) return 'TIMEOUT';
  if (status === 413) return 'CONTEXT_TOO_LONG';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 529 || status === 503) return 'OVERLOADED';
  if (status >= 500) return 'SERVER_ERROR';
  if (status === 409) return 'SERVER_ERROR';
  if (status >= 400) return 'BAD_REQUEST';
  return 'PROTOCOL';
}

function codeForStream(d: ProviderErrorDetails, message: string): FailureCode {
  const vendor = `${d.vendorType ?? ''} ${d.vendorCode ?? ''}`;
  if (/overloaded/i.test(vendor)) return 'OVERLOADED';
  if (/rate_limit/i.test(vendor)) return 'RATE_LIMITED';
  if (/insufficient_quota|billing/i.test(vendor)) return 'QUOTA_EXHAUSTED';
  if (CONTEXT_HINTS.test(vendor) || CONTEXT_HINTS.test(message)) return 'CONTEXT_TOO_LONG';
  if (/invalid_request|authentication|permission|not_found/i.test(vendor)) return 'BAD_REQUEST';
  return 'SERVER_ERROR';
}

/** Classifies any thrown value from a provider call. */
export function classifyError(error: unknown): TaskFailure {
  // An attempt whose stream stalled (the idle timeout ended it): worth a fresh attempt.
  if (error instanceof TimeoutReason) return failure('TIMEOUT', timeoutText(error), { limit: error.limit });
  if (!(error instanceof ProviderError)) {
    const message = error instanceof Error ? error.message : String(error);
    return failure('UNKNOWN', message);
  }
  const d = error.details;
  const status = d.status;
  switch (d.kind) {
    case 'aborted':
      return failure('CANCELLED', error.message);
    case 'network':
      return failure('NETWORK', error.message);
    case 'protocol':
      return failure('PROTOCOL', error.message, { status });
    case 'auth':
      return failure('AUTH', error.message);
    case 'config':
      // A wrong setting fails the same way every time and says nothing about the provider's health.
      return failure('CONFIG', error.message, { remediation: configRemediation(d.setting) });
    case 'stream':
      return failure(codeForStream(d, error.message), error.message, { status });
    case 'http': {
      const code = codeForHttp(d, error.message);
      // x-should-retry is the server's explicit word and overrides the class default.
      const retryable = code === 'QUOTA_EXHAUSTED' ? false : d.shouldRetry ?? CLASSES[code].retryable;
      return failure(code, error.message, { status, retryable });
    }
  }
}
