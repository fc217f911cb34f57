// Maps engine tasks to the plain, validated shapes the webview and the public API receive.
// Output and error text pass through the redactor: model output could echo a key back.
import type { Task } from '../../core/domain/taskModel';
import { describeSource } from '../../core/domain/taskSource';
import { stepFigures } from '../../core/domain/workflowStep';
import type { LiveUsage } from '../../core/results/liveUsage';
import type { TaskStateView, TaskView } from '../../shared/protocol';
import { describeCached } from '../format/taskFormat';
import { distinctSentences } from '../format/distinctSentences';
import { failureReasonText, failureRemediationText } from '../format/failureText';
import { phraseText, steadyPhraseText } from '../format/phraseText';

export interface TaskViewContext {
  providerLabel(providerId: string): string;
  redact(text: string): string;
  /** The length of a growing text that can be sent without splitting a key (see SecretRedactor). */
  safeLength(text: string): number;
  /** Usage and cost estimated while a task streams (absent: no live figures). */
  liveUsage?(task: Task): LiveUsage | undefined;
}

export function toTaskStateView(task: Task, ctx: TaskViewContext): TaskStateView {
  // A cached answer says so under the title, with what it saved ("cached — saved $0.0123").
  const statusDetail = task.statusDetail ? phraseText(task.statusDetail) : describeCached(task);
  const steady = task.statusDetail ? steadyPhraseText(task.statusDetail) : statusDetail;
  const live = task.usage === undefined ? ctx.liveUsage?.(task) : undefined;
  return {
    ...(live && { usage: { ...live.usage }, costUsd: live.costUsd }),
    status: task.status,
    attempts: task.attempts,
    ...(statusDetail !== undefined && { statusDetail }),
    ...(steady !== undefined && steady !== statusDetail && { statusDetailSteady: steady }),
    ...(task.startedAt !== undefined && { startedAt: task.startedAt }),
    ...(task.finishedAt !== undefined && { finishedAt: task.finishedAt }),
    ...(task.usage !== undefined && { usage: { ...task.usage } }),
    ...(task.costUsd !== undefined && { costUsd: task.costUsd }),
    ...(task.error !== undefined && {
      error: {
        code: task.error.code,
        message: ctx.redact(failureReasonText(task.error)),
        // Shown under the message: what the message already says is not said twice.
        remediation: distinctSentences([failureRemediationText(task.error)], failureReasonText(task.error))[0] ?? '',
        ...(task.error.status !== undefined && { status: task.error.status }),
      },
    }),
    ...(task.steps && {
      steps: task.steps.map((s) => stepFigures(s, (reason) => ctx.redact(phraseText(reason)))),
    }),
    ...(task.stepIndex !== undefined && { stepIndex: task.stepIndex }),
    ...(task.quality && { quality: { ...task.quality, failed: task.quality.failed.map((f) => ({ check: phraseText(f.check), reason: phraseText(f.reason) })) } }),
    ...(task.rating && { rating: task.rating }),
  };
}

/** What a snapshot carries beyond the state: each step's output and the log (also sent alone as `task/details`). */
export function toTaskDetails(task: Task, ctx: TaskViewContext): Pick<TaskView, 'stepOutputs' | 'log'> {
  return {
    ...(task.steps && { stepOutputs: task.steps.map((s) => ctx.redact(s.output)) }),
    ...(task.log?.length && { log: task.log.map((l) => ({ ...l, message: ctx.redact(phraseText(l.message)) })) }),
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
    ...(task.source && { source: { kind: task.source.kind, label: describeSource(task.source) } }),
    ...toTaskDetails(task, ctx),
    ...(task.promptFile && { promptFile: { ...task.promptFile } }),
  };
}
