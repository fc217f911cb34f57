// The steps of one provider batch (a part of a job): submit it, check on it, fetch and map its
// results, cancel it. Each step changes the part's record, which is saved before anything that
// could be repeated after a crash: a part is marked "submitting" (with the time) and saved before
// the create call, so a restart looks for a batch created since instead of paying twice; results
// are mapped idempotently (a settled task ignores a second result), and a part is marked
// "ingested" only after the tasks it settled are saved.
import { ProviderError } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import { classifyError } from '../domain/failureClassifier';
import { phrase, phraseId, type Phrase } from '../domain/phrase';
import type { ProviderBatchApi, ProviderBatchState } from '../domain/providerBatchApi';
import type { TaskFailure } from '../domain/taskFailure';
import { isTerminal, type Task } from '../domain/taskModel';
import type { BatchJob, MutableBatchPart } from './batchJob';
import type { BatchLog, BatchTaskPort } from './batchPorts';
import type { JobIndex } from './jobIndex';
import { nextPollAt, nextPollDelay, type PollPolicy } from './pollSchedule';
import { externalResultFor, missingResult, type SettleContext } from './resultSettlement';
import { batchRequest } from './batchRequest';

/** Checks that answered 404 in a row before a batch counts as gone. */
const NOT_FOUND_CHECKS = 3;
/** A restart looks for a batch created this long before the create call it recorded (clock skew). */
const FIND_SLACK_MS = 5 * 60_000;
/** Results mapped between two turns of the event loop, so ingesting 10,000 never blocks the host. */
const RESULTS_PER_TURN = 100;
/** Failed downloads of a batch's results before its remaining tasks fail (retryable): some 40 minutes of tries at the default pace. */
const MAX_RESULT_FETCHES = 8;
/** Failed looks for a batch submitted before a restart before it is submitted again (a duplicate is then possible). */
const MAX_LOOKUPS = 3;

/** How long one provider call may take before it counts as a lost connection (and is tried again later). */
export interface CallTimeouts {
  readonly check: number;
  readonly submit: number;
  readonly results: number;
}

export const DEFAULT_CALL_TIMEOUTS: CallTimeouts = { check: 60_000, submit: 15 * 60_000, results: 30 * 60_000 };

export interface PartStepDeps {
  readonly tasks: BatchTaskPort;
  readonly index: JobIndex;
  readonly clock: Clock;
  readonly policy: () => PollPolicy;
  readonly signal: AbortSignal;
  readonly requestDefaults: (providerId: string) => { readonly maxOutputTokens?: number };
  readonly maxSubmitAttempts: number;
  /** Makes the task history durable (before a submission, and before a part is marked ingested). */
  readonly flushTasks: () => Promise<void>;
  readonly saveNow: () => Promise<void>;
  readonly log: BatchLog;
  readonly yieldToLoop: () => Promise<void>;
  readonly timeouts: CallTimeouts;
}

export class PartSteps {
  constructor(private readonly deps: PartStepDeps) {}

  /** When the part next needs a step; undefined when it needs none. */
  dueAt(job: BatchJob, part: MutableBatchPart): number | undefined {
    const now = this.deps.clock.now();
    const policy = this.deps.policy();
    const backoff = (failures: number): number => (part.lastPolledAt ?? now) + nextPollDelay(policy, failures - 1, part.retryAfterMs);
    switch (part.state) {
      case 'pending':
      case 'submitting':
        return part.submitAttempts === 0 || part.lastError === undefined || job.cancelRequested ? now : backoff(part.submitAttempts);
      case 'submitted':
        if (this.shouldCancel(job, part)) return part.failedChecks === 0 ? now : backoff(part.failedChecks);
        return nextPollAt(policy, part.lastPolledAt, part.quietChecks, now, part.retryAfterMs);
      case 'ended':
        return part.failedChecks === 0 ? now : backoff(part.failedChecks);
      default:
        return undefined;
    }
  }

  /** Cancel at the provider: the job was cancelled, or every task of this batch was cancelled here. */
  shouldCancel(job: BatchJob, part: MutableBatchPart): boolean {
    if (part.state !== 'submitted' || part.cancelSent || part.status?.phase === 'cancelling') return false;
    return job.cancelRequested || !this.hasLiveTask(job, part);
  }

  /** Whether any task of the part still waits for its result (stops at the first: usually the first task). */
  private hasLiveTask(job: BatchJob, part: MutableBatchPart): boolean {
    return this.deps.index.partTasks(job.id, part.index).some((id) => {
      const task = this.deps.tasks.get(id);
      return task !== undefined && !isTerminal(task.status);
    });
  }

  async submit(job: BatchJob, part: MutableBatchPart, api: ProviderBatchApi): Promise<void> {
    const { clock, tasks } = this.deps;
    // The history first: a batch the provider holds must never have tasks that a crash could lose.
    await this.deps.flushTasks();
    const live = this.liveTasks(job, part);
    if (job.cancelRequested || live.length === 0 || part.state === 'cancelled') {
      for (const task of live) tasks.cancel(task.id, phrase('batch.task.cancelledUnsubmitted', {}));
      part.state = 'cancelled';
      return;
    }
    const tag = `${job.id}:${part.index}`;
    if (part.state === 'submitting' && part.submitStartedAt !== undefined) {
      // The last create call may have reached the provider before the window closed: adopt that batch rather than pay twice.
      const lookup = await this.attempt(part, phrase('batch.call.lookupFailed', {}), this.deps.timeouts.check, job.providerId, (signal) => api.findSubmitted(tag, part.submitStartedAt! - FIND_SLACK_MS, part.sentRequests ?? live.length, signal));
      if (this.deps.signal.aborted) return;
      if (!lookup.ok) {
        // A provider that cannot list batches (or keeps failing to) would hold the job forever: submit again, and say a duplicate is possible.
        if (lookup.failure.retryable && part.failedChecks < MAX_LOOKUPS) return;
        this.deps.log('warn', `job ${job.id}: could not find out whether part ${part.index + 1} reached ${api.label} (${phraseId(lookup.failure.reason)}); submitting it again, which may duplicate it`);
      }
      const found = lookup.ok ? lookup.value : undefined;
      if (found) {
        this.deps.log('info', `job ${job.id}: found ${api.label} batch ${found.id}, submitted before the restart`);
        this.adopt(part, found);
        await this.deps.saveNow();
        return;
      }
    }
    part.state = 'submitting';
    part.submitStartedAt = clock.now();
    part.submitAttempts += 1;
    part.sentRequests = live.length;
    await this.deps.saveNow();
    const defaults = this.deps.requestDefaults(job.providerId);
    const entries = live.map((t) => api.encode(batchRequest(t.external!.customId, t, defaults)));
    try {
      const state = await this.limited(phrase('batch.call.submission', {}), this.deps.timeouts.submit, job.providerId, (signal) => api.submit({ tag, entries }, signal));
      this.adopt(part, state);
      this.deps.log('info', `job ${job.id}: ${api.label} batch ${state.id} created with ${live.length} request(s)${job.parts.length > 1 ? ` (part ${part.index + 1} of ${job.parts.length})` : ''}`);
    } catch (error) {
      if (this.deps.signal.aborted) return;
      const failure = classifyError(error);
      // An answer from the server means no batch was made; a lost connection may have made one.
      if (!(error instanceof ProviderError && (error.details.kind === 'network' || error.details.kind === 'aborted'))) part.state = 'pending';
      part.lastPolledAt = clock.now();
      part.retryAfterMs = error instanceof ProviderError ? error.details.retryAfterMs : undefined;
      const reason = failure.reason;
      part.lastError = phrase('batch.part.submitFailed', { error: reason });
      this.deps.log('warn', `job ${job.id}: submitting part ${part.index + 1} failed (attempt ${part.submitAttempts}): ${phraseId(reason)}`);
      if (!failure.retryable || part.submitAttempts >= this.deps.maxSubmitAttempts) {
        const said = part.submitAttempts > 1 ? phrase('batch.task.submitFailedAttempts', { attempts: part.submitAttempts, error: reason }) : phrase('batch.task.submitFailed', { error: reason });
        for (const task of live) tasks.settleExternal(task.id, { kind: 'failed', attempts: 0, failure: { ...failure, reason: said } });
        part.state = 'failed';
      }
    }
    await this.deps.saveNow();
  }

  async poll(job: BatchJob, part: MutableBatchPart, api: ProviderBatchApi): Promise<void> {
    let state: ProviderBatchState;
    try {
      state = await this.limited(phrase('batch.call.check', {}), this.deps.timeouts.check, job.providerId, (signal) => api.retrieve(part.providerBatchId!, signal));
    } catch (error) {
      if (this.deps.signal.aborted) return;
      const failure = this.recordFailure(part, phrase('batch.call.checkFailed', {}), error);
      part.notFoundChecks = failure.code === 'NOT_FOUND' ? (part.notFoundChecks ?? 0) + 1 : 0;
      if (part.notFoundChecks >= NOT_FOUND_CHECKS) this.lose(job, part, api.label);
      return;
    }
    const before = part.status;
    const changed = !before || before.phase !== state.phase || before.counts.done !== state.counts.done || before.providerStatus !== state.providerStatus;
    part.quietChecks = changed ? 0 : part.quietChecks + 1;
    part.notFoundChecks = 0;
    this.record(part, state);
  }

  async cancel(job: BatchJob, part: MutableBatchPart, api: ProviderBatchApi): Promise<void> {
    try {
      const state = await this.limited(phrase('batch.call.cancel', {}), this.deps.timeouts.check, job.providerId, (signal) => api.cancel(part.providerBatchId!, signal));
      part.cancelSent = true;
      part.failedChecks = 0;
      part.quietChecks = 0;
      part.lastError = undefined;
      this.record(part, state);
      this.deps.log('info', `job ${job.id}: asked ${api.label} to cancel batch ${state.id} (${state.providerStatus})`);
    } catch (error) {
      if (this.deps.signal.aborted) return;
      const failure = classifyError(error);
      part.lastPolledAt = this.deps.clock.now();
      part.failedChecks += 1;
      // A refusal (the batch already ended, say) is final: the next check shows how it ended.
      if (!failure.retryable) part.cancelSent = true;
      part.lastError = phrase('batch.part.cancelFailed', { error: failure.reason });
    }
    await this.deps.saveNow();
  }

  async ingest(job: BatchJob, part: MutableBatchPart, api: ProviderBatchApi): Promise<void> {
    const { tasks, index } = this.deps;
    const byCustomId = index.tasksOf(job.id)?.byCustomId;
    const context: SettleContext = {
      providerLabel: api.label,
      ...(part.submittedAt !== undefined && { startedAt: part.status?.createdAt ?? part.submittedAt }),
      ...(part.status?.endedAt !== undefined && { finishedAt: part.status.endedAt }),
    };
    let seen = 0;
    let unknown = 0;
    try {
      await this.limited(phrase('batch.call.download', {}), this.deps.timeouts.results, job.providerId, async (signal) => {
        for await (const result of api.results(part.status!, signal)) {
          const task = tasks.get(byCustomId?.get(result.customId) ?? '');
          if (task === undefined) unknown += 1;
          else tasks.settleExternal(task.id, externalResultFor(result, context, `${task.systemPrompt ?? ''}${task.prompt}`));
          if (++seen % RESULTS_PER_TURN === 0) await this.deps.yieldToLoop();
        }
      });
    } catch (error) {
      if (this.deps.signal.aborted) return;
      const failure = this.recordFailure(part, phrase('batch.call.resultsFailed', {}), error);
      if (part.failedChecks >= MAX_RESULT_FETCHES) {
        // The provider ran the requests but their results cannot be had: fail what is left, retryable, rather than wait forever.
        const said = phrase('batch.task.resultsUnavailable', { provider: api.label, batch: part.providerBatchId ?? '', attempts: part.failedChecks, error: failure.reason });
        for (const task of this.liveTasks(job, part)) tasks.settleExternal(task.id, { kind: 'failed', attempts: 1, failure: { ...failure, reason: said, retryable: true } });
        part.state = 'ingested';
      }
      await this.deps.saveNow();
      return;
    }
    for (const task of this.liveTasks(job, part)) tasks.settleExternal(task.id, missingResult(part.status, context));
    if (unknown > 0) this.deps.log('warn', `job ${job.id}: ${unknown} result(s) of batch ${part.providerBatchId} name no task of this job; ignored`);
    await this.deps.flushTasks();
    part.state = 'ingested';
    part.failedChecks = 0;
    part.lastError = undefined;
    await this.deps.saveNow();
    this.deps.log('info', `job ${job.id}: ${seen} result(s) of ${api.label} batch ${part.providerBatchId} mapped (${part.status?.outcome ?? 'ended'})`);
  }

  liveTasks(job: BatchJob, part: MutableBatchPart): Task[] {
    return this.deps.index.partTasks(job.id, part.index).flatMap((id) => {
      const task = this.deps.tasks.get(id);
      return task && !isTerminal(task.status) ? [task] : [];
    });
  }

  private adopt(part: MutableBatchPart, state: ProviderBatchState): void {
    part.providerBatchId = state.id;
    part.submittedAt = state.createdAt ?? this.deps.clock.now();
    part.quietChecks = 0;
    part.failedChecks = 0;
    part.lastError = undefined;
    this.record(part, state);
    if (part.state !== 'ended') part.state = 'submitted';
  }

  private record(part: MutableBatchPart, state: ProviderBatchState): void {
    part.status = state;
    part.lastPolledAt = this.deps.clock.now();
    part.failedChecks = 0;
    part.lastError = undefined;
    part.retryAfterMs = undefined;
    if (state.phase === 'ended') part.state = 'ended';
  }

  /** The provider no longer knows the batch: its tasks fail (retryable), and it is not checked again. */
  private lose(job: BatchJob, part: MutableBatchPart, label: string): void {
    part.state = 'lost';
    const said = phrase('batch.task.lost', { provider: label, batch: part.providerBatchId ?? '', checks: NOT_FOUND_CHECKS });
    for (const task of this.liveTasks(job, part)) this.deps.tasks.settleExternal(task.id, { kind: 'failed', attempts: 0, failure: { ...classifyError(new ProviderError(said, { kind: 'http', providerId: job.providerId, status: 404 })), retryable: true } });
  }

  /** Runs a provider call within its time limit; on failure records it (backing off) and says why. */
  private async attempt<T>(part: MutableBatchPart, what: Phrase, limitMs: number, providerId: string, call: (signal: AbortSignal) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: TaskFailure }> {
    try {
      return { ok: true, value: await this.limited(what, limitMs, providerId, call) };
    } catch (error) {
      return { ok: false, failure: this.recordFailure(part, what, error) };
    }
  }

  /**
   * Runs a provider call that must answer within `limitMs`: a call that hangs (a stalled
   * connection, a server that never answers) fails as a lost connection and is tried again later,
   * while closing the window still cancels it.
   */
  private async limited<T>(what: Phrase, limitMs: number, providerId: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), limitMs);
    handle.unref?.();
    try {
      return await call(AbortSignal.any([this.deps.signal, timer.signal]));
    } catch (error) {
      if (timer.signal.aborted && !this.deps.signal.aborted) throw new ProviderError(phrase('batch.call.noAnswer', { call: what, seconds: Math.round(limitMs / 1000) }), { kind: 'network', providerId });
      throw error;
    } finally {
      clearTimeout(handle);
    }
  }

  /** A failed provider call: the next one waits longer (and at least what the provider asked for). */
  private recordFailure(part: MutableBatchPart, what: Phrase, error: unknown): TaskFailure {
    const failure = classifyError(error);
    part.lastPolledAt = this.deps.clock.now();
    part.failedChecks += 1;
    part.quietChecks += 1;
    part.retryAfterMs = error instanceof ProviderError ? error.details.retryAfterMs : undefined;
    part.lastError = phrase('batch.part.callFailed', { what, error: failure.reason });
    return failure;
  }
}
