// Failure classes: every way a task can fail maps to exactly one, and the class decides retryability.

import { FAILURE_CODES, type FailureCode } from '../../shared/taskVocabulary';

export { FAILURE_CODES, type FailureCode };

export interface TaskFailure {
  readonly code: FailureCode;
  /** What happened, for a person; never contains secrets. */
  readonly message: string;
  /** What the person can do about it. */
  readonly remediation: string;
  readonly retryable: boolean;
  /** HTTP status of the last response, when there was one. */
  readonly status?: number;
  /** For TIMEOUT: which limit fired. */
  readonly limit?: 'total' | 'idle';
}
