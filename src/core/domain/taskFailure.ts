// Failure classes: every way a task can fail maps to exactly one, and the class decides retryability.
// A failure holds no sentence: its reason is a phrase (ours, or the server's own words verbatim) and
// its advice follows from the class, so both are written in the language of whoever reads them.

import { FAILURE_CODES, type FailureCode } from '../../shared/taskVocabulary';
import { phrase, type Phrase } from './phrase';

export { FAILURE_CODES, type FailureCode };

export interface TaskFailure {
  readonly code: FailureCode;
  /** What happened; never contains secrets. */
  readonly reason: Phrase;
  readonly retryable: boolean;
  /** HTTP status of the last response, when there was one. */
  readonly status?: number;
  /** For TIMEOUT: which limit fired. */
  readonly limit?: 'total' | 'idle';
  /** For CONFIG: the setting to fix, e.g. "aiTaskQueue.providers.openai.baseUrl". */
  readonly setting?: string;
  /**
   * Advice kept as it was written, overriding the class's: a history record from before phrases
   * existed stored its advice in English, and that text (which may name a setting) is not lost.
   */
  readonly remediation?: Phrase;
}

/** What the person can do about `failure`. */
export function failureRemediation(failure: TaskFailure): Phrase {
  if (failure.remediation) return failure.remediation;
  if (failure.code === 'TIMEOUT' && failure.limit === 'idle') return phrase('failure.remediation.idleTimeout', {});
  if (failure.code === 'CONFIG' && failure.setting !== undefined) return phrase('failure.remediation.configSetting', { setting: failure.setting });
  return phrase(`failure.remediation.${failure.code}`, {});
}
