// One task's run, from its first attempt to its terminal event, as one explicit loop:
//
//   wait while the provider's breaker is open → take a slot and make an attempt → on failure,
//   decide (in the slot) whether to try again → wait out the delay outside any slot → repeat.
//
// The total timeout covers the task's own time from its first attempt; time queued is not its
// doing. Rate limits (429) are the provider's backpressure, not a fault of the request: they do
// not use up attempts, and the retry-wait budget and the time limit bound them instead.
import { runAbortReason, TimeoutReason } from '../domain/abortReasons';
import { ProviderError, type ChatProvider, type ChatRequest } from '../domain/chatProvider';
import type { TimerHandle } from '../domain/clock';
import { classifyError } from '../domain/failureClassifier';
import type { TaskFailure } from '../domain/taskFailure';
import type { MutableTask } from '../domain/taskModel';
import type { TokenUsage } from '../domain/tokenUsage';
import type { AttemptTicket } from '../limits/providerGovernors';
import { waitForProvider } from '../limits/providerWait';
import { estimateTokens } from '../usage/tokenEstimate';
import { attemptReport } from './attemptReport';
import { countdownWait } from './countdownWait';
import { decideRetry, type RetryDecision } from './retryDecision';
import type { RetryPolicy } from './retryPolicy';
import { streamAttempt } from './streamAttempt';
import type { TaskRunnerDeps } from './taskRunner';
import { UnknownProviderError, type TaskOutcome } from './taskOutcome';

/** The provider's breaker opened while the attempt waited for its slot: wait again, attempt not spent. */
class ProviderPausedError extends Error {
  constructor(providerId: string) {
    super(`Provider "${providerId}" is paused by its circuit breaker.`);
  }
}

export class TaskRun {
  private readonly policy: RetryPolicy;
  private readonly budgetMs: number;
  private readonly promptTokens: number;
  private readonly signal: AbortSignal;
  private provider: ChatProvider | undefined;
  private usage: TokenUsage | undefined;
  /** HTTP status of the last attempt's error response; each attempt records its own. */
  private status: number | undefined;
  private rateLimited = 0;
  private waitedMs = 0;
  private unavailable = false;
  private stopNote: string | undefined;
  /** The decision made in the slot for the error the last attempt threw. */
  private verdict: { readonly error: unknown; readonly decision: RetryDecision } | undefined;
  private deadline: TimerHandle | undefined;

  constructor(
    private readonly task: MutableTask,
    private readonly controller: AbortController,
    private readonly deps: TaskRunnerDeps,
    private readonly outcome: TaskOutcome,
  ) {
    this.signal = controller.signal;
    this.policy = deps.retryPolicy();
    this.budgetMs = deps.retryBudgetMs();
    this.promptTokens = estimateTokens(`${task.systemPrompt ?? ''}${task.prompt}`);
    // A cancel or a timeout takes a task that is still waiting for its slot out of the queue.
    this.signal.addEventListener('abort', () => deps.scheduler.unschedule(task.id), { once: true });
  }

  /** Resolves once the task has emitted its terminal event; never rejects. */
  async execute(): Promise<void> {
    try {
      await this.attemptUntilDone();
      if (this.provider) this.outcome.completed(this.task, this.provider, this.usage);
    } catch (error) {
      this.outcome.ended(this.task, error, {
        signal: this.signal,
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
      this.deps.governors.release(this.task.id);
    }
  }

  private get allowedAttempts(): number {
    return this.policy.maxAttempts + this.rateLimited;
  }

  /** The attempt loop. Returns after a successful attempt; throws the error that ends the run. */
  private async attemptUntilDone(): Promise<void> {
    const { scheduler, governors } = this.deps;
    for (let attempt = 1; ; ) {
      await this.waitForBreaker();
      try {
        await scheduler.run(this.task.id, this.task.providerId, this.task.priority, () => this.attempt(attempt), { promptTokens: this.promptTokens, retry: attempt > 1 });
        return;
      } catch (error) {
        if (error instanceof ProviderPausedError) {
          governors.release(this.task.id);
          continue;
        }
        const verdict = this.verdict;
        this.verdict = undefined;
        // Errors from outside an attempt (unscheduled, unknown provider) come with no decision: they end the run.
        const decision: RetryDecision = verdict && verdict.error === error ? verdict.decision : { kind: 'stop' };
        if (decision.kind === 'stop' || this.signal.aborted) {
          if (decision.kind === 'stop') this.stopNote = decision.note;
          throw error;
        }
        await this.waitBeforeRetry(error, attempt, decision.waitMs);
        attempt += 1;
      }
    }
  }

  /** One provider call, made while the task holds its scheduler slot. */
  private async attempt(attempt: number): Promise<void> {
    const { task, deps } = this;
    const provider = deps.providers(task.providerId);
    this.provider = provider;
    // The breaker may have opened while this attempt waited for its slot.
    const ticket = provider ? deps.governors.begin(task.providerId, task.id) : undefined;
    if (provider && !ticket) throw new ProviderPausedError(task.providerId);
    this.begin(attempt);
    if (!provider || !ticket) throw new UnknownProviderError(task.providerId);
    deps.log?.({ taskId: task.id, attempt, level: 'info', message: `sending to ${provider.label} ${task.model} (attempt ${attempt} of ${this.allowedAttempts})` });
    // The attempt has its own signal: a stalled stream (idle timeout) ends this attempt, and a
    // fresh one may follow, while a cancel or the total timeout ends them all.
    const attemptController = new AbortController();
    const forwardAbort = (): void => attemptController.abort(this.signal.reason);
    this.signal.addEventListener('abort', forwardAbort, { once: true });
    try {
      await this.stream(provider, attemptController, ticket);
    } catch (caught) {
      const stalled = this.signal.aborted ? undefined : runAbortReason(attemptController.signal);
      const error = stalled?.kind === 'timeout' ? stalled : caught;
      this.attemptFailed(attempt, error, attemptController.signal, ticket);
      throw error;
    } finally {
      this.signal.removeEventListener('abort', forwardAbort);
    }
    this.status = undefined;
    ticket.end({ ...(this.usage && { usage: this.usage }), estimatedTokens: this.promptTokens + estimateTokens(task.output) });
  }

  private begin(attempt: number): void {
    const { task, deps } = this;
    if (attempt === 1) {
      task.status = 'running';
      task.startedAt = deps.clock.now();
      this.armDeadline();
      deps.events.emit(task.id, { type: 'started', attempt: 1 });
    } else {
      // A new attempt starts clean: the panel is told to drop the failed attempt's text.
      task.output = '';
      task.firstTokenAt = undefined;
      deps.events.emit(task.id, { type: 'progress', restart: true, text: '', attempt, detail: `attempt ${attempt} of ${this.allowedAttempts}` });
    }
    task.attempts = attempt;
    task.statusDetail = undefined;
    this.usage = undefined;
  }

  private stream(provider: ChatProvider, attemptController: AbortController, ticket: AttemptTicket): Promise<string | undefined> {
    const { task, deps } = this;
    const idleTimeoutMs = deps.idleTimeoutMs();
    return streamAttempt(provider, requestFor(task), attemptController, deps.clock, idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}, {
      onText: (text) => {
        task.firstTokenAt ??= deps.clock.now();
        task.output += text;
        deps.events.emit(task.id, { type: 'progress', text });
      },
      onUsage: (u) => {
        this.usage = u;
      },
      onRateLimit: (limits) => ticket.observeRateLimit(limits),
    });
  }

  /** Reports the failed attempt to its provider's governor and decides, still in the slot, what comes next. */
  private attemptFailed(attempt: number, error: unknown, attemptSignal: AbortSignal, ticket: AttemptTicket): void {
    const report = attemptReport(error, attemptSignal, this.usage, this.promptTokens + estimateTokens(this.task.output));
    this.status = report.failure?.status;
    ticket.end(report);
    const failure = classifyError(error);
    if (failure.code === 'RATE_LIMITED' && error instanceof ProviderError) this.rateLimited += 1;
    const decision: RetryDecision = this.signal.aborted
      ? { kind: 'stop' }
      : decideRetry(failure, error, { policy: this.policy, attempt, allowedAttempts: this.allowedAttempts, waitedMs: this.waitedMs, budgetMs: this.budgetMs, random: this.deps.random });
    this.verdict = { error, decision };
    this.logFailure(attempt, report.failure ?? failure, error, decision);
    // A cancel is not a failure to pause for; the time limit running out is.
    const final = this.signal.aborted ? runAbortReason(this.signal)?.kind === 'timeout' : decision.kind === 'stop';
    if (final) this.deps.onFinalAttemptFailure(this.task.id);
  }

  private logFailure(attempt: number, failure: TaskFailure, error: unknown, decision: RetryDecision): void {
    if (runAbortReason(this.signal)?.kind === 'cancel') return;
    const requestId = error instanceof ProviderError ? error.details.requestId : undefined;
    const facts = [failure.code, ...(failure.status !== undefined ? [`HTTP ${failure.status}`] : []), ...(requestId ? [`request ${requestId}`] : [])].join(', ');
    const next = decision.kind === 'retry' ? `retrying in ${Math.ceil(decision.waitMs / 1000)}s` : 'no retry';
    this.deps.log?.({ taskId: this.task.id, attempt, level: 'warn', message: `failed (${facts}): ${failure.message}; ${next}` });
  }

  private armDeadline(): void {
    if (this.deadline) return;
    const timeoutMs = this.task.timeoutMs ?? this.deps.defaultTimeoutMs();
    this.deadline = this.deps.clock.setTimeout(() => this.controller.abort(new TimeoutReason('total', timeoutMs)), timeoutMs);
  }

  /**
   * Waits while the provider's breaker is open. A started task's wait counts against its time
   * limit, which is already running; a queued task gives up once the outage has lasted as long as
   * its time limit.
   */
  private async waitForBreaker(): Promise<void> {
    const { task, deps } = this;
    const breaker = deps.governors.breaker(task.providerId);
    if (breaker.verdict().kind === 'proceed') return;
    const giveUpAfterOutageMs = task.status === 'queued' ? (task.timeoutMs ?? deps.defaultTimeoutMs()) : undefined;
    try {
      await waitForProvider(breaker, deps.clock, this.signal, (detail) => this.showDetail(detail), giveUpAfterOutageMs);
    } catch (error) {
      if (this.signal.aborted) this.unavailable = true;
      throw error;
    } finally {
      task.statusDetail = undefined;
      if (task.status === 'queued') deps.onTaskChange(task.id);
    }
  }

  private async waitBeforeRetry(error: unknown, attempt: number, ms: number): Promise<void> {
    const { task } = this;
    this.waitedMs += ms;
    const classified = classifyError(error);
    // The count went up by one for a 429; saying why keeps "attempt 2 of 4" from looking like a bug.
    const why = classified.code === 'RATE_LIMITED' ? `${classified.message} (a rate limit does not use up an attempt)` : classified.message;
    task.retriedFailures = [...(task.retriedFailures ?? []), classified.code];
    const allowed = this.allowedAttempts;
    await countdownWait(this.deps.clock, this.signal, ms, (seconds) => this.showDetail(`retrying in ${seconds}s (attempt ${attempt + 1} of ${allowed}): ${why}`));
    task.statusDetail = undefined;
  }

  private showDetail(detail: string): void {
    this.task.statusDetail = detail;
    if (this.task.status === 'queued') this.deps.onTaskChange(this.task.id);
    else this.deps.events.emit(this.task.id, { type: 'progress', detail });
  }
}

function requestFor(task: MutableTask): ChatRequest {
  return { model: task.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }) };
}
