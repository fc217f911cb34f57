// How a run ends: the one terminal event of a task, with its usage first when there is any. The
// run's own abort reason (cancel, time limit) wins over whatever error the provider threw when the
// signal fired, so a cancelled task never ends as a network failure.
import { TimeoutReason, type RunAbortReason } from '../domain/abortReasons';
import type { ChatProvider } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import { classifyError, failure } from '../domain/failureClassifier';
import { phrase, phraseId, type Phrase } from '../domain/phrase';
import type { TaskFailure } from '../domain/taskFailure';
import type { MutableTask, TaskStatus } from '../domain/taskModel';
import { estimateUsage } from '../usage/tokenEstimate';
import type { PriceBook } from '../usage/priceBook';
import type { TokenUsage } from '../domain/tokenUsage';
import type { TaskEventBus } from './taskEventBus';
import type { QualityCheck, QualityScore } from '../domain/quality';
import { closeSteps, workflowUsage } from './workflowSteps';

export interface OutcomeDeps {
  readonly clock: Clock;
  readonly events: TaskEventBus;
  readonly priceBook: () => PriceBook;
  readonly setStatus: (task: MutableTask, status: TaskStatus) => void;
  /** Scores a completed task's output against its checks (injected: the engine knows no check kinds). */
  readonly scoreOutput?: (checks: readonly QualityCheck[], output: string) => QualityScore | undefined;
}

/** What the run knows beyond the error when it ends. */
export interface EndContext {
  /** Why the run was stopped from outside (cancel, its time limit), if it was. */
  readonly stopped: RunAbortReason | undefined;
  /** The provider of the last attempt; undefined when none was made. */
  readonly provider: ChatProvider | undefined;
  readonly providerLabel: string;
  /** Usage the last attempt reported. */
  readonly usage: TokenUsage | undefined;
  /** HTTP status of the last attempt's error response, when it had one (never an earlier attempt's). */
  readonly status: number | undefined;
  /** The time limit ran out while the task waited for an unavailable provider. */
  readonly unavailable: boolean;
  /** The breaker's last failure, for "why is this provider unavailable". */
  readonly lastOutage: Phrase | undefined;
  /** Why retrying stopped early, said after the failure's reason. */
  readonly stopNote: Phrase | undefined;
}

/** The provider was not configured (or no longer is) when the attempt began. */
export class UnknownProviderError extends Error {
  readonly reason: Phrase;
  constructor(providerId: string) {
    const reason = phrase('failure.providerNotConfigured', { provider: providerId });
    super(phraseId(reason));
    this.reason = reason;
  }
}

export class TaskOutcome {
  constructor(private readonly deps: OutcomeDeps) {}

  completed(task: MutableTask, provider: ChatProvider, usage: TokenUsage | undefined): void {
    this.score(task);
    this.emitUsage(task, provider, usage);
    this.end(task, 'completed');
    this.deps.events.emit(task.id, { type: 'completed' });
  }

  cancelled(task: MutableTask, reason: Phrase): void {
    task.error = failure('CANCELLED', reason);
    // A cancelled workflow's finished steps were paid for: their sum is reported before the end.
    const summed = task.steps && task.startedAt !== undefined ? workflowUsage(task.steps) : undefined;
    if (summed) {
      task.usage = summed.usage;
      task.costUsd = summed.costUsd;
      this.deps.events.emit(task.id, { type: 'usage', usage: summed.usage, costUsd: summed.costUsd });
    }
    closeSteps(task, 'cancelled');
    this.end(task, 'cancelled');
    this.deps.events.emit(task.id, { type: 'cancelled', reason });
  }

  /** A task that never started gives up: its provider was unavailable for its whole time limit. */
  neverSent(task: MutableTask, providerLabel: string, lastOutage: Phrase | undefined, outageMs: number, limitMs: number): void {
    const args = { provider: providerLabel, outageSeconds: Math.round(outageMs / 1000), limitSeconds: Math.round(limitMs / 1000) };
    const reason = lastOutage ? phrase('failure.neverSent.last', { ...args, last: lastOutage }) : phrase('failure.neverSent', args);
    this.failed(task, failure('PROVIDER_UNAVAILABLE', reason), undefined, undefined);
  }

  /** Ends the task for `error`: cancelled, or failed with exactly one class. */
  ended(task: MutableTask, error: unknown, context: EndContext): void {
    const reason = context.stopped;
    if (reason?.kind === 'cancel') {
      this.cancelled(task, reason.reason);
      return;
    }
    if (error instanceof UnknownProviderError) {
      this.failed(task, failure('NOT_FOUND', error.reason), undefined, undefined);
      return;
    }
    this.failed(task, this.failureFor(task, error, reason, context), context.provider, context.usage);
  }

  private failureFor(task: MutableTask, error: unknown, reason: RunAbortReason | undefined, context: EndContext): TaskFailure {
    const { status } = context;
    if (reason?.kind === 'timeout' && reason.limit === 'total' && context.unavailable) {
      const args = { provider: context.providerLabel, limitSeconds: Math.round(reason.ms / 1000) };
      const message = context.lastOutage ? phrase('failure.unavailableTimedOut.last', { ...args, last: context.lastOutage }) : phrase('failure.unavailableTimedOut', args);
      return failure('PROVIDER_UNAVAILABLE', message, { status });
    }
    // The task's own limit, or the last attempt's stalled stream (idle timeout).
    const timeout = reason?.kind === 'timeout' ? reason : error instanceof TimeoutReason ? error : undefined;
    if (timeout) {
      const kept = timeout.limit === 'idle' && task.attempts > 1 ? phrase('failure.timeout.partialKeptEachAttempt', { timeout: timeout.reason, attempts: task.attempts }) : phrase('failure.timeout.partialKept', { timeout: timeout.reason });
      return failure('TIMEOUT', withStopNote(kept, context.stopNote), { limit: timeout.limit, status });
    }
    const classified = classifyError(error);
    return { ...classified, reason: withStopNote(classified.reason, context.stopNote), ...(status !== undefined && classified.status === undefined && { status }) };
  }

  private failed(task: MutableTask, fail: TaskFailure, provider: ChatProvider | undefined, usage: TokenUsage | undefined): void {
    // Partial work still consumed tokens; report them (estimated when the stream was cut).
    const used = task.steps ? workflowUsage(task.steps) !== undefined : usage || task.output;
    if (provider && task.startedAt !== undefined && used) this.emitUsage(task, provider, usage);
    task.error = task.steps ? this.nameFailedStep(task, fail) : fail;
    closeSteps(task, 'failed');
    this.end(task, 'failed');
    this.deps.events.emit(task.id, { type: 'failed', failure: fail });
  }

  private emitUsage(task: MutableTask, provider: ChatProvider, reported: TokenUsage | undefined): void {
    // A workflow's one usage event carries the sum of its steps' usage and cost.
    const summed = task.steps && workflowUsage(task.steps);
    const usage = summed ? summed.usage : (reported ?? estimateUsage(`${task.systemPrompt ?? ''}${task.prompt}`, task.output));
    task.usage = usage;
    task.costUsd = summed ? summed.costUsd : provider.unpriced ? null : this.deps.priceBook().cost(task.model, usage, provider.local);
    this.deps.events.emit(task.id, { type: 'usage', usage, costUsd: task.costUsd });
  }

  /** The step keeps its own failure; the workflow's says which step failed. */
  private nameFailedStep(task: MutableTask, fail: TaskFailure): TaskFailure {
    const index = task.stepIndex;
    const step = index !== undefined ? task.steps?.[index] : undefined;
    if (!task.steps || index === undefined || !step) return fail;
    task.steps = task.steps.map((s, i) => (i === index ? { ...s, error: fail } : s));
    return { ...fail, reason: phrase('failure.step.failed', { step: index + 1, steps: task.steps.length, name: step.name, reason: fail.reason }) };
  }

  private score(task: MutableTask): void {
    if (task.checks && task.checks.length > 0 && this.deps.scoreOutput) {
      const quality = this.deps.scoreOutput(task.checks, task.output);
      if (quality) task.quality = quality;
    }
  }

  /** A task answered from the response cache is scored like any other. */
  scoreCached(task: MutableTask): void {
    this.score(task);
  }

  private end(task: MutableTask, status: 'completed' | 'failed' | 'cancelled'): void {
    this.deps.setStatus(task, status);
    task.finishedAt = this.deps.clock.now();
    task.statusDetail = undefined;
  }
}

function withStopNote(reason: Phrase, note: Phrase | undefined): Phrase {
  return note ? phrase('failure.withStopNote', { reason, note }) : reason;
}
