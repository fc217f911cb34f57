// A task that was running when VS Code closed or crashed cannot be continued (the request is gone),
// so it comes back as failed with the retryable class INTERRUPTED, keeping its partial output: every
// surface already shows failed tasks, their output and a Retry action, so "Resume" needs no new
// status threaded through the tree, the panel protocol and the status bar.
import { failure } from './failureClassifier';
import { phrase } from './phrase';
import type { Task } from './taskModel';

export function interruptedTask(task: Task, endedAt: number): Task {
  const { statusDetail: _statusDetail, ...rest } = task;
  const error = failure('INTERRUPTED', phrase('failure.interrupted', {}));
  return {
    ...rest,
    status: 'failed',
    finishedAt: Math.max(endedAt, task.startedAt ?? task.createdAt),
    error: task.steps && task.stepIndex !== undefined ? { ...error, reason: phrase('failure.step.interrupted', { step: task.stepIndex + 1, steps: task.steps.length, name: task.steps[task.stepIndex]?.name ?? '?', reason: error.reason }) } : error,
    // A workflow's running step is the one interrupted; Resume (a re-run) starts again from it.
    ...(task.steps && { steps: task.steps.map((s) => (s.status === 'running' ? { ...s, status: 'failed' as const, error } : s)) }),
  };
}

export function isInterrupted(task: Task): boolean {
  return task.status === 'failed' && task.error?.code === 'INTERRUPTED';
}
