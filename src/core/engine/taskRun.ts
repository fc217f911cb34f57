// One task's run, from its first attempt to its terminal event, as one explicit loop:
//
//   attempt in the slot the scheduler granted → on failure, decide (still in the slot) what comes
//   next → wait out a backoff outside any slot, or go back into the provider's line at once after
//   a 429 → get the next slot from the scheduler → repeat.
//
// The total timeout covers the task's own time from its first attempt; time queued is not its
// doing. Rate limits (429) are the provider's backpressure, not a fault of the request: they do
// not use up attempts, and a refused request goes back into its provider's line in its old place,
// so the provider's pacer, not a timer of its own, decides when it goes again.
import { runAbortReason, TimeoutReason, type RunAbortReason } from '../domain/abortReasons';
import { ProviderError, type ChatProvider, type ChatRequest } from '../domain/chatProvider';
import type { TimerHandle } from '../domain/clock';
import { classifyError, failure as makeFailure } from '../domain/failureClassifier';
import { phrase, type Phrase } from '../domain/phrase';
import { PRIORITY_WEIGHT, type MutableTask } from '../domain/taskModel';
import type { TokenUsage } from '../domain/tokenUsage';
import { holdsProvider, type ProviderSlot } from '../limits/providerGovernor';
import { estimateTokens } from '../usage/tokenEstimate';
import { attemptReport, failedAttemptLine } from './attemptReport';
import { attemptRequest } from './attemptRequest';
import { countdownWait } from './countdownWait';
import { decideRetry, type RetryDecision } from './retryDecision';
import type { RetryPolicy } from './retryPolicy';
import { streamAttempt } from './streamAttempt';
import type { TaskRunnerDeps } from './taskRunner';
import { UnknownProviderError, type TaskOutcome } from './taskOutcome';
import { refusalText, waitingText, type Refusal } from './waitingText';
import { runWorkflowSteps } from './workflowSteps';
import type { WaitNotice } from './taskScheduler';

/** Less than the step between two priorities, so a retry never overtakes a higher priority. */
export const RETRY_BOOST = 0.5;

export class TaskRun {
  private readonly policy: RetryPolicy;
  private readonly budgetMs: number;
  private promptTokens: number;
  /** Why the run was stopped (cancel or its time limit); undefined while it may go on. */
  private stopped: RunAbortReason | undefined;
  /** The current attempt's controller: the only one a run makes on the happy path. */
  private attemptController: AbortController | undefined;
  /** Made only when the run has to wait (a backoff, back in line): aborted with the run. */
  private waitController: AbortController | undefined;
  private provider: ChatProvider | undefined;
  private usage: TokenUsage | undefined;
  /** HTTP status of the last attempt's error response; each attempt records its own. */
  private status: number | undefined;
  private rateLimited = 0;
  private waitedMs = 0;
  /** The time limit ran out while the provider was unavailable. */
  private unavailable = false;
  private stopNote: Phrase | undefined;
  /** The decision made in the slot for the error the last attempt threw. */
  private verdict: { readonly error: unknown; readonly decision: RetryDecision } | undefined;
  private deadline: TimerHandle | undefined;
  /** Ends the slot of the attempt that succeeded, once the task's last events are out. */
  private succeeded: (() => void) | undefined;
  /** Why the task is back in line after a 429, and which attempt comes next. */
  private refusal: Refusal | undefined;
  /** What each attempt sends: the task's prompt, or the running workflow step's. */
  private request: ChatRequest;
  /** The workflow step being run (its events carry it); undefined for a single prompt. */
  private step: number | undefined;
  /** The granted first slot, until a step (or the prompt) takes it. */
  private pendingSlot: ProviderSlot | undefined;
  private started = false;

  constructor(
    private readonly task: MutableTask,
    private readonly deps: TaskRunnerDeps,
    private readonly outcome: TaskOutcome,
    firstSlot: ProviderSlot,
    /** The task's place in line, kept for every later attempt. */
    private readonly seq: number,
  ) {
    this.policy = deps.retryPolicy();
    this.budgetMs = deps.retryBudgetMs();
    ({ request: this.request, promptTokens: this.promptTokens } = attemptRequest(task, task.prompt));
    this.pendingSlot = firstSlot;
  }

  /** Stops the run (a cancel, or its time limit): the request in flight is aborted, a wait ends. */
  abort(reason: RunAbortReason): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.attemptController?.abort(reason);
    this.waitController?.abort(reason);
  }

  /** Resolves once the task has emitted its terminal event; never rejects. */
  async execute(): Promise<void> {
    try {
      if (this.task.steps) await runWorkflowSteps(this.task, this, this.deps);
      else await this.attemptUntilDone(this.takeSlot());
      if (this.provider) this.outcome.completed(this.task, this.provider, this.usage);
      // The slot is freed after the usage and completion events, so a listener that pauses the
      // queue on them (a budget reached) does so before the next task can take the slot.
      this.succeeded?.();
    } catch (error) {
      this.outcome.ended(this.task, error, {
        stopped: this.stopped,
        provider: this.provider,
        providerLabel: this.deps.providers(this.task.providerId)?.label ?? this.task.providerId,
        usage: this.usage,
        status: this.status,
        unavailable: this.unavailable,
        lastOutage: this.deps.governors.breaker(this.task.providerId).lastFailure,
        stopNote: this.stopNote,
      });
    } finally {
      if (this.deadline) this.deps.clock.clearTimeout(this.deadline);
    }
  }

  private get allowedAttempts(): number {
    return this.policy.maxAttempts + this.rateLimited;
  }

  /**
   * Runs one workflow step as an attempt loop of its own, in a slot of its own (the granted first
   * slot for the first step run, a new one from the scheduler after that, so pacing and priority
   * hold between steps). The step's time limit starts before it waits for that slot.
   */
  async runStep(index: number, prompt: string): Promise<void> {
    this.step = index;
    ({ request: this.request, promptTokens: this.promptTokens } = attemptRequest(this.task, prompt));
    this.rateLimited = 0;
    this.waitedMs = 0;
    this.refusal = undefined;
    this.usage = undefined;
    let slot = this.pendingSlot;
    this.pendingSlot = undefined;
    if (!slot) {
      if (this.deadline) this.deps.clock.clearTimeout(this.deadline);
      this.deadline = undefined;
      this.armDeadline();
      slot = await this.nextSlot(false);
    }
    await this.attemptUntilDone(slot);
  }

  /** Frees the slot of the step that just succeeded, before the next step asks for one. */
  releaseSlot(): void {
    this.succeeded?.();
    this.succeeded = undefined;
  }

  /** What the current step's last attempt reported (undefined when nothing came). */
  get stepUsage(): TokenUsage | undefined {
    return this.usage;
  }

  get stepProvider(): ChatProvider | undefined {
    return this.provider;
  }

  get stoppedBy(): RunAbortReason['kind'] | undefined {
    return this.stopped?.kind;
  }

  /** The granted first slot; a run takes it exactly once. */
  private takeSlot(): ProviderSlot {
    const slot = this.pendingSlot!;
    this.pendingSlot = undefined;
    return slot;
  }

  /** The attempt loop. Returns after a successful attempt; throws the error that ends the run. */
  private async attemptUntilDone(first: ProviderSlot): Promise<void> {
    let slot = first;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.attempt(attempt, slot);
        return;
      } catch (error) {
        const verdict = this.verdict;
        this.verdict = undefined;
        // Errors from outside a provider call (an unknown provider) come with no decision: they end the run.
        const decision: RetryDecision = verdict && verdict.error === error ? verdict.decision : { kind: 'stop' };
        if (decision.kind === 'stop' || this.stopped) {
          if (decision.kind === 'stop') this.stopNote = decision.note;
          throw error;
        }
        if (decision.kind === 'retry') await this.waitBeforeRetry(error, attempt, decision.waitMs);
        else await this.backInLine(error, attempt, decision.chargeMs);
        slot = await this.nextSlot(decision.kind === 'retry');
      }
    }
  }

  /** One provider call, made in the slot the scheduler granted; the slot ends with it. */
  private async attempt(attempt: number, slot: ProviderSlot): Promise<void> {
    const { task, deps } = this;
    const provider = deps.providers(task.providerId);
    this.provider = provider;
    this.begin(attempt);
    if (!provider) {
      slot.end({ failure: makeFailure('NOT_FOUND', phrase('failure.providerNotConfigured', { provider: task.providerId })), estimatedTokens: 0 });
      throw new UnknownProviderError(task.providerId);
    }
    deps.log?.({ taskId: task.id, attempt, level: 'info', message: phrase('log.sending', { provider: provider.label, model: task.model, attempt, allowed: this.allowedAttempts }) });
    // The attempt has its own controller: a stalled stream (idle timeout) ends this attempt, and a
    // fresh one may follow, while a cancel or the total timeout (abort()) ends them all.
    const attemptController = new AbortController();
    this.attemptController = attemptController;
    if (this.stopped) attemptController.abort(this.stopped);
    try {
      await this.stream(provider, attemptController, slot);
    } catch (caught) {
      const stalled = this.stopped ? undefined : runAbortReason(attemptController.signal);
      const error = stalled?.kind === 'timeout' ? stalled : caught;
      this.attemptFailed(attempt, error, attemptController.signal, slot);
      throw error;
    } finally {
      this.attemptController = undefined;
    }
    this.status = undefined;
    const report = { ...(this.usage && { usage: this.usage }), estimatedTokens: this.promptTokens + estimateTokens(task.output) };
    this.succeeded = () => slot.end(report);
  }

  private begin(attempt: number): void {
    const { task, deps } = this;
    deps.setStatus(task, 'running');
    task.attempts = attempt;
    task.statusDetail = undefined;
    this.usage = undefined;
    if (attempt === 1) {
      // A workflow starts once, with its first step run; each step then starts its output afresh.
      if (!this.started) {
        this.started = true;
        task.startedAt = deps.clock.now();
        this.armDeadline();
        deps.events.emit(task.id, { type: 'started', attempt: 1 });
      }
      if (this.step !== undefined) deps.events.emit(task.id, { type: 'progress', restart: true, text: '', step: this.step });
    } else {
      // A new attempt starts clean: the panel is told to drop the failed attempt's text.
      task.output = '';
      if (this.step === undefined) task.firstTokenAt = undefined;
      deps.events.emit(task.id, { type: 'progress', restart: true, text: '', attempt, detail: phrase('waiting.attempt', { attempt, allowed: this.allowedAttempts }), ...(this.step !== undefined && { step: this.step }) });
    }
  }

  private stream(provider: ChatProvider, attemptController: AbortController, slot: ProviderSlot): Promise<string | undefined> {
    const { task, deps } = this;
    const idleTimeoutMs = deps.idleTimeoutMs();
    const step = this.step;
    return streamAttempt(provider, this.request, attemptController, deps.clock, idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}, {
      onText: (text) => {
        task.firstTokenAt ??= deps.clock.now();
        task.output += text;
        deps.events.emit(task.id, step === undefined ? { type: 'progress', text } : { type: 'progress', text, step });
      },
      onUsage: (u) => {
        this.usage = u;
      },
      onRateLimit: (limits) => slot.observeRateLimit(limits),
    });
  }

  /** Reports the failed attempt to its provider and decides, still in the slot, what comes next. */
  private attemptFailed(attempt: number, error: unknown, attemptSignal: AbortSignal, slot: ProviderSlot): void {
    const report = attemptReport(error, attemptSignal, this.usage, this.promptTokens + estimateTokens(this.task.output));
    this.status = report.failure?.status;
    const failure = classifyError(error);
    const rateLimited = failure.code === 'RATE_LIMITED' && error instanceof ProviderError;
    if (rateLimited) this.rateLimited += 1;
    const decision: RetryDecision = this.stopped
      ? { kind: 'stop' }
      : decideRetry(failure, error, { policy: this.policy, attempt, allowedAttempts: this.allowedAttempts, waitedMs: this.waitedMs, budgetMs: this.budgetMs, random: this.deps.random, rateLimited });
    this.verdict = { error, decision };
    if (this.stopped?.kind !== 'cancel') this.deps.log?.({ taskId: this.task.id, attempt, level: 'warn', message: failedAttemptLine(report.failure ?? failure, error, decision) });
    // A cancel is not a failure to pause for; the time limit running out is. The pause comes
    // before the slot is freed, so the next task cannot take it first.
    const final = this.stopped ? this.stopped.kind === 'timeout' : decision.kind === 'stop';
    if (final) this.deps.onFinalAttemptFailure(this.task.id);
    slot.end(report);
  }

  private armDeadline(): void {
    if (this.deadline) return;
    const timeoutMs = this.task.timeoutMs ?? this.deps.defaultTimeoutMs();
    this.deadline = this.deps.clock.setTimeout(() => this.abort(new TimeoutReason('total', timeoutMs)), timeoutMs);
  }

  /** A backoff before the next attempt: the task stays running, with a countdown. */
  private async waitBeforeRetry(error: unknown, attempt: number, ms: number): Promise<void> {
    const { task } = this;
    this.waitedMs += ms;
    const classified = classifyError(error);
    task.retriedFailures = [...(task.retriedFailures ?? []), classified.code];
    const allowed = this.allowedAttempts;
    await countdownWait(this.deps.clock, this.waitSignal(), ms, (seconds) => this.showDetail(phrase('waiting.retrying', { seconds, attempt: attempt + 1, allowed, reason: classified.reason })));
    task.statusDetail = undefined;
  }

  /**
   * A 429: the request goes back into its provider's line, in its old place; the task waits. When
   * the retry-after holds only this request (a bare few seconds, see holdsProvider), it waits
   * that out first; otherwise the provider's hold covers it.
   */
  private async backInLine(error: unknown, attempt: number, chargeMs: number): Promise<void> {
    const classified = classifyError(error);
    this.task.retriedFailures = [...(this.task.retriedFailures ?? []), classified.code];
    this.deps.setStatus(this.task, 'waiting');
    // The count went up by one for a 429; saying why keeps "attempt 2 of 4" from looking like a bug.
    const refusal: Refusal = { why: classified.reason, next: phrase('waiting.rateLimitAttempt', { attempt: attempt + 1, allowed: this.allowedAttempts }) };
    this.refusal = refusal;
    this.showDetail(refusalText(refusal, undefined, this.providerLabel, this.deps.clock.now()));
    const details = error instanceof ProviderError ? error.details : undefined;
    // What the provider asked for (or a backoff's worth) counts against the retry-wait budget;
    // time spent in line behind other work is queueing, not waiting on this request's account.
    this.waitedMs += chargeMs;
    const ownWait = details?.retryAfterMs !== undefined && !holdsProvider(details) ? details.retryAfterMs : 0;
    if (ownWait <= 0) return;
    const { clock } = this.deps;
    const until = clock.now() + ownWait;
    await countdownWait(clock, this.waitSignal(), ownWait, () => this.showDetail(refusalText(refusal, { reason: 'hold', until }, this.providerLabel, clock.now())));
  }

  private async nextSlot(afterBackoff: boolean): Promise<ProviderSlot> {
    const { task, deps } = this;
    const refusal = afterBackoff ? undefined : this.refusal;
    const onNotice = (notice: WaitNotice | undefined): void => {
      this.unavailable = notice?.reason === 'unavailable';
      if (!notice && !refusal) return;
      deps.setStatus(task, 'waiting');
      this.showDetail(refusal && notice?.reason !== 'unavailable' ? refusalText(refusal, notice, this.providerLabel, deps.clock.now()) : waitingText(notice!, this.providerLabel, deps.clock.now()));
    };
    const slot = await deps.scheduler.acquire(
      { taskId: task.id, providerId: task.providerId, weight: PRIORITY_WEIGHT[task.priority] + (afterBackoff ? RETRY_BOOST : 0), seq: this.seq, promptTokens: this.promptTokens, timeoutMs: task.timeoutMs ?? deps.defaultTimeoutMs() },
      this.waitSignal(),
      onNotice,
    );
    return slot;
  }

  /** A signal for the run's waits, aborted with the run. */
  private waitSignal(): AbortSignal {
    this.waitController ??= new AbortController();
    if (this.stopped) this.waitController.abort(this.stopped);
    return this.waitController.signal;
  }

  private get providerLabel(): string {
    return this.deps.providers(this.task.providerId)?.label ?? this.task.providerId;
  }

  private showDetail(detail: Phrase): void {
    this.task.statusDetail = detail;
    this.deps.events.emit(this.task.id, { type: 'progress', detail });
  }
}
