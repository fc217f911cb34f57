// A task's failure in words, for every surface that shows one: its class ("rate limited"), what
// happened, and what to do; the core holds only the code and phrases (src/core/domain/taskFailure.ts).
import * as l10n from '@vscode/l10n';
import { failureRemediation, type FailureCode, type TaskFailure } from '../../core/domain/taskFailure';
import { phraseText } from './phraseText';

/** Each failure class in words, for screen readers and sentences ("failed: rate limited"). */
export function failureClassName(code: FailureCode): string {
  switch (code) {
    case 'AUTH':
      return l10n.t('authentication error');
    case 'CONFIG':
      return l10n.t('configuration error');
    case 'PERMISSION':
      return l10n.t('permission denied');
    case 'NOT_FOUND':
      return l10n.t('not found');
    case 'BAD_REQUEST':
      return l10n.t('bad request');
    case 'CONTEXT_TOO_LONG':
      return l10n.t('context too long');
    case 'QUOTA_EXHAUSTED':
      return l10n.t('quota exhausted');
    case 'RATE_LIMITED':
      return l10n.t('rate limited');
    case 'OVERLOADED':
      return l10n.t('provider overloaded');
    case 'SERVER_ERROR':
      return l10n.t('server error');
    case 'NETWORK':
      return l10n.t('network error');
    case 'TIMEOUT':
      return l10n.t('timed out');
    case 'CANCELLED':
      return l10n.t('cancelled');
    case 'PROVIDER_UNAVAILABLE':
      return l10n.t('provider unavailable');
    case 'PROTOCOL':
      return l10n.t('protocol error');
    case 'UNKNOWN':
      return l10n.t('unknown error');
    case 'INTERRUPTED':
      return l10n.t('interrupted');
    case 'EXPIRED':
      return l10n.t('expired at the provider');
  }
}

/** What happened, in words (a server's own message stays as it came). */
export function failureReasonText(failure: TaskFailure): string {
  return phraseText(failure.reason);
}

/** What the person can do about it, in words. */
export function failureRemediationText(failure: TaskFailure): string {
  return phraseText(failureRemediation(failure));
}
