// Maps engine tasks to the plain, validated shapes the webview and the public API receive.
// Output and error text pass through the redactor: model output could echo a key back.
import type { Task } from '../../core/domain/taskModel';
import type { TaskStateView, TaskView } from '../../shared/protocol';

export interface TaskViewContext {
  providerLabel(providerId: string): string;
  redact(text: string): string;
  /** The length of a growing text that can be sent without splitting a key (see SecretRedactor). */
  safeLength(text: string): number;
}

export function toTaskStateView(task: Task, ctx: TaskViewContext): TaskStateView {
  return {
    status: task.status,
    attempts: task.attempts,
    ...(task.statusDetail !== undefined && { statusDetail: task.statusDetail }),
    ...(task.startedAt !== undefined && { startedAt: task.startedAt }),
    ...(task.finishedAt !== undefined && { finishedAt: task.finishedAt }),
    ...(task.usage !== undefined && { usage: { ...task.usage } }),
    ...(task.costUsd !== undefined && { costUsd: task.costUsd }),
    ...(task.error !== undefined && {
      error: {
        code: task.error.code,
        message: ctx.redact(task.error.message),
        remediation: task.error.remediation,
        ...(task.error.status !== undefined && { status: task.error.status }),
      },
    }),
  };
}

export function toTaskView(task: Task, ctx: TaskViewContext): TaskView {
  return {
    ...toTaskStateView(task, ctx),
    id: task.id,
    // A selection or file can contain a stored key too.
    title: ctx.redact(task.title),
    prompt: ctx.redact(task.prompt),
    providerId: task.providerId,
    providerLabel: ctx.providerLabel(task.providerId),
    model: task.model,
    priority: task.priority,
    createdAt: task.createdAt,
    output: ctx.redact(task.output),
    // From the task, not from which providers exist now: the simulator may be gone after a restart.
    simulated: task.simulated === true,
  };
}
