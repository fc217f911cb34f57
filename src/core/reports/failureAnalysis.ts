// The dead-letter view of a failed task: what class of failure, how hard the engine tried, how
// much time it cost, and the most useful next step. Derived from the task record alone, so the
// tree, the API and a restored history all tell the same story.
import { phrase, type Phrase } from '../domain/phrase';
import type { Task } from '../domain/taskModel';
import type { TaskFailure } from '../domain/taskFailure';

export interface FailureAnalysis {
  readonly taskId: string;
  readonly title: string;
  readonly code: TaskFailure['code'];
  /** What happened (the adapters put it into words). */
  readonly reason: Phrase;
  /** Provider calls made, including retries. */
  readonly attempts: number;
  /** HTTP status of the last response received, when one was. */
  readonly lastStatus?: number;
  readonly providerId: string;
  readonly model: string;
  /**
   * Time the task cost before failing: every attempt plus every wait between and before them
   * (backoff, provider unavailable). Measured from the first attempt, or from submission when
   * the task never got to make one.
   */
  readonly timeLostMs: number;
  /** Absent when the failure class's own advice (failureRemediation) is the next step. */
  readonly nextStep?: Phrase;
  readonly failedAt: number;
}

export function analyzeFailure(task: Task): FailureAnalysis | undefined {
  if (task.status !== 'failed' || !task.error) return undefined;
  const failedAt = task.finishedAt ?? task.createdAt;
  return {
    taskId: task.id,
    title: task.title,
    code: task.error.code,
    reason: task.error.reason,
    attempts: task.attempts,
    ...(task.error.status !== undefined && { lastStatus: task.error.status }),
    providerId: task.providerId,
    model: task.model,
    timeLostMs: Math.max(0, failedAt - (task.startedAt ?? task.createdAt)),
    ...optionalNextStep(task.error),
    failedAt,
  };
}

/** The one action most likely to get the work done, given how it failed. */
export function nextStep(failure: TaskFailure): Phrase | undefined {
  switch (failure.code) {
    case 'RATE_LIMITED':
      return phrase('report.nextStep.lowerLimits', {});
    case 'OVERLOADED':
    case 'SERVER_ERROR':
    case 'PROVIDER_UNAVAILABLE':
      return phrase('report.nextStep.retryLater', {});
    case 'QUOTA_EXHAUSTED':
      return phrase('report.nextStep.addCredit', {});
    case 'CONTEXT_TOO_LONG':
      return phrase('report.nextStep.shortenPrompt', {});
    case 'NOT_FOUND':
      return phrase('report.nextStep.checkModel', {});
    default:
      return undefined;
  }
}

function optionalNextStep(failure: TaskFailure): { nextStep?: Phrase } {
  const step = nextStep(failure);
  return step === undefined ? {} : { nextStep: step };
}
