// Maps whatever went wrong into exactly one failure class. The class, not the raw status, decides
// retryability: e.g. a 429 is retried, but a 429 whose code is insufficient_quota is not (unlike
// the official SDKs, which retry it pointlessly).
import { TimeoutReason } from './abortReasons';
import { ProviderError, type ProviderErrorDetails } from './chatProvider';
import { phraseId, verbatim, type Phrase } from './phrase';
import type { FailureCode, TaskFailure } from './taskFailure';

/** Whether a failure of each class is worth another attempt, unless the server said otherwise. */
const RETRYABLE: Readonly<Record<FailureCode, boolean>> = {
  AUTH: false,
  CONFIG: false,
  PERMISSION: false,
  NOT_FOUND: false,
  BAD_REQUEST: false,
  CONTEXT_TOO_LONG: false,
  QUOTA_EXHAUSTED: false,
  RATE_LIMITED: true,
  OVERLOADED: true,
  SERVER_ERROR: true,
  NETWORK: true,
  TIMEOUT: true,
  CANCELLED: false,
  PROVIDER_UNAVAILABLE: true,
  PROTOCOL: true,
  UNKNOWN: false,
  INTERRUPTED: true,
  EXPIRED: true,
};

export function failure(code: FailureCode, reason: Phrase, extra?: Partial<Pick<TaskFailure, 'status' | 'limit' | 'retryable' | 'setting'>>): TaskFailure {
  return { code, reason, retryable: extra?.retryable ?? RETRYABLE[code], ...stripUndefined(extra) };
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
  if (error instanceof TimeoutReason) return failure('TIMEOUT', error.reason, { limit: error.limit });
  if (!(error instanceof ProviderError)) {
    // Not a provider's error: a bug or a runtime's own message, which is not ours to translate.
    return failure('UNKNOWN', verbatim(error instanceof Error ? error.message : String(error)));
  }
  const d = error.details;
  const status = d.status;
  const reason = error.reason;
  // The hints are looked for in the reason's words as sent: the server's own message is among them.
  const said = phraseId(reason);
  switch (d.kind) {
    case 'aborted':
      return failure('CANCELLED', reason);
    case 'network':
      return failure('NETWORK', reason);
    case 'protocol':
      return failure('PROTOCOL', reason, { status });
    case 'auth':
      return failure('AUTH', reason);
    case 'config':
      // A wrong setting fails the same way every time and says nothing about the provider's health.
      return failure('CONFIG', reason, { setting: d.setting });
    case 'stream':
      return failure(codeForStream(d, said), reason, { status });
    case 'http': {
      const code = codeForHttp(d, said);
      // x-should-retry is the server's explicit word and overrides the class default.
      const retryable = code === 'QUOTA_EXHAUSTED' ? false : d.shouldRetry ?? RETRYABLE[code];
      return failure(code, reason, { status, retryable });
    }
  }
}
