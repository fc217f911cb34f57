// Pause on failure: when a task's last attempt fails, the queue pauses at once, while that attempt
// still holds its slot, so the next task cannot start in it; the pause is announced once, with
// the task's "failed" event. A failure outside any attempt (the time limit while waiting for a
// provider) pauses at that event instead.
import { phrase, type Phrase } from '../domain/phrase';

export interface PausableQueue {
  readonly isPaused: () => boolean;
  /** Pauses the queue because `taskId` failed (the views say which task). */
  readonly pause: (taskId: string) => void;
}

export class FailurePause {
  /** The task whose failure paused the queue, until its "failed" event announces it. */
  private pausedFor: string | undefined;

  constructor(
    public enabled: boolean,
    private readonly queue: PausableQueue,
  ) {}

  /** The attempt that just failed was the task's last one. */
  onFinalAttempt(taskId: string): void {
    if (!this.enabled || this.queue.isPaused()) return;
    this.queue.pause(taskId);
    this.pausedFor = taskId;
  }

  /** The task's "failed" event: true when the queue paused for it (say so once). */
  onFailed(taskId: string): boolean {
    if (this.pausedFor !== taskId) this.onFinalAttempt(taskId);
    if (this.pausedFor !== taskId) return false;
    this.pausedFor = undefined;
    return true;
  }
}

/** Why the queue paused itself, for "paused: …": the task that failed, by title. */
export function pauseReasonFor(title: string | undefined): Phrase {
  return title === undefined ? phrase('pause.afterFailure.unknownTask', {}) : phrase('pause.afterFailure', { title });
}
