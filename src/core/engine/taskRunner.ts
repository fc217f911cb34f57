// Runs one task from its first attempt to its terminal event. Attempts are driven by p-retry;
// each attempt takes a scheduler slot, and the wait between attempts happens outside any slot
// with a visible countdown. The total timeout spans all attempts and waits. Before each attempt
// the provider's circuit breaker is asked; while it is open the task waits without spending
// attempts. The retry waits of one task together stay within a budget.
import pRetry from 'p-retry';
import { runAbortReason, TimeoutReason, timeoutText } from '../domain/abortReasons';
import { attemptReport } from './attemptReport';
import { ProviderError, type ChatProvider } from '../domain/chatProvider';
import type { Clock, TimerHandle } from '../domain/clock';
import { countdownSeconds } from '../domain/countdownSeconds';
import { classifyError, failure } from '../domain/failureClassifier';
import type { PriceBook } from '../usage/priceBook';
import type { ProviderGovernors } from '../limits/providerGovernors';
import { ProviderOutageError, waitForProvider } from '../limits/providerWait';
import { retryDelayMs, serverWaitBeyondCap, type RetryPolicy } from './retryPolicy';
import { streamAttempt } from './streamAttempt';
import type { TaskEventBus } from './taskEventBus';
import type { TaskFailure } from '../domain/taskFailure';
import type { Task } from '../domain/taskModel';
import { SlotRemovedError, type TaskScheduler } from './taskScheduler';
import { estimateTokens, estimateUsage } from '../usage/tokenEstimate';
import type { TokenUsage } from '../domain/tokenUsage';

export type MutableTask = { -readonly [K in keyof Task]: Task[K] };

export interface TaskRunnerDeps {
  readonly clock: Clock;
  readonly events: TaskEventBus;
  readonly scheduler: TaskScheduler;
  readonly providers: (providerId: string) => ChatProvider | undefined;
  readonly priceBook: () => PriceBook;
  readonly retryPolicy: () => RetryPolicy;
  readonly random: () => number;
  readonly defaultTimeoutMs: () => number;
  readonly idleTimeoutMs: () => number | undefined;
  readonly governors: ProviderGovernors;
  /** Upper bound on the sum of one task's waits between attempts. */
  readonly retryBudgetMs: () => number;
  /** A queued task's status line changed; queued tasks have no event for it ("progress" needs "started"). */
  readonly onTaskChange: (taskId: string) => void;
  /**
   * The attempt that just failed is the task's last one. Called while the attempt still holds its
   * slot, so a pause requested here stops the next task from starting in that slot.
   */
  readonly onFinalAttemptFailure: (taskId: string) => void;
}

/** What finishWithError needs to know about the run beyond the error itself. */
interface RunContext {
  /** The task's time ran out while it was waiting for an unavailable provider. */
  readonly unavailable: boolean;
  /** HTTP status of the last error response of any attempt. */
  readonly lastStatus: number | undefined;
  /** Set when retrying stopped because the next wait would exceed the retry budget. */
  readonly budgetNote: string | undefined;
}

export class TaskRunner {
  constructor(private readonly deps: TaskRunnerDeps) {}

  /** Resolves once the task has emitted its terminal event; never rejects. */
  async run(task: MutableTask, controller: AbortController): Promise<void> {
    const { scheduler, clock } = this.deps;
    const policy = this.deps.retryPolicy();
    const budgetMs = this.deps.retryBudgetMs();
    const promptTokens = estimateTokens(`${task.systemPrompt ?? ''}${task.prompt}`);
    let usage: TokenUsage | undefined;
    let provider: ChatProvider | undefined;
    let deadlineTimer: TimerHandle | undefined;
    let waitedMs = 0;
    // Rate limits (429) are the provider's backpressure, not a fault of the request: they do not
    // use up attempts. The retry-wait budget and the time limit bound them instead.
    let rateLimitedRetries = 0;
    const allowedAttempts = (): number => policy.maxAttempts + rateLimitedRetries;
    const context = { unavailable: false, lastStatus: undefined as number | undefined, budgetNote: undefined as string | undefined };
    // Unschedule a waiting attempt as soon as the task is cancelled or times out.
    controller.signal.addEventListener('abort', () => scheduler.unschedule(task.id), { once: true });
    // The time limit covers the task's own time, from its first attempt on. Time queued — for a
    // slot, or for an unavailable provider before the first attempt — is not its doing: a task
    // deep in a long queue must not fail for a blip it never met. A queued task gives up instead
    // when the outage itself has lasted as long as its time limit (see waitForBreaker).
    const armDeadline = (): void => {
      if (deadlineTimer) return;
      const timeoutMs = task.timeoutMs ?? this.deps.defaultTimeoutMs();
      deadlineTimer = clock.setTimeout(() => controller.abort(new TimeoutReason('total', timeoutMs)), timeoutMs);
    };
    const attempt = async (attemptNumber: number): Promise<void> => {
      provider = this.deps.providers(task.providerId);
      // The breaker may have opened while this attempt waited for its slot.
      const ticket = provider ? this.deps.governors.begin(task.providerId, task.id) : undefined;
      if (provider && !ticket) throw new ProviderPausedError(task.providerId);
      if (attemptNumber === 1) {
        task.status = 'running';
        task.startedAt = clock.now();
        armDeadline();
        this.deps.events.emit(task.id, { type: 'started', attempt: 1 });
      } else {
        // A new attempt starts clean: the panel is told to drop the failed attempt's text.
        task.output = '';
        task.firstTokenAt = undefined;
        this.deps.events.emit(task.id, { type: 'progress', restart: true, text: '', attempt: attemptNumber, detail: `attempt ${attemptNumber} of ${allowedAttempts()}` });
      }
      task.attempts = attemptNumber;
      task.statusDetail = undefined;
      usage = undefined;
      if (!provider || !ticket) throw new UnknownProviderError(task.providerId);
      const idleTimeoutMs = this.deps.idleTimeoutMs();
      // The attempt has its own signal: a stalled stream (idle timeout) ends this attempt, and a
      // fresh one may follow, while a cancel or the total timeout ends them all.
      const attemptController = new AbortController();
      const forwardAbort = (): void => attemptController.abort(controller.signal.reason);
      controller.signal.addEventListener('abort', forwardAbort, { once: true });
      try {
        await streamAttempt(provider, requestFor(task), attemptController, clock, idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}, {
          onText: (text) => {
            task.firstTokenAt ??= clock.now();
            task.output += text;
            this.deps.events.emit(task.id, { type: 'progress', text });
          },
          onUsage: (u) => {
            usage = u;
          },
          onRateLimit: (limits) => ticket.observeRateLimit(limits),
        });
      } catch (caught) {
        const stalled = controller.signal.aborted ? undefined : runAbortReason(attemptController.signal);
        const error = stalled?.kind === 'timeout' ? stalled : caught;
        const report = attemptReport(error, attemptController.signal, usage, promptTokens + estimateTokens(task.output));
        context.lastStatus = report.failure?.status ?? context.lastStatus;
        ticket.end(report);
        if (isRateLimited(error)) rateLimitedRetries += 1;
        const final = controller.signal.aborted ? runAbortReason(controller.signal)?.kind === 'timeout' : !isRetryable(error) || attemptNumber >= allowedAttempts();
        if (final) this.deps.onFinalAttemptFailure(task.id);
        throw error;
      } finally {
        controller.signal.removeEventListener('abort', forwardAbort);
      }
      // The callbacks above assign `usage`; control-flow analysis cannot see that.
      const reported = usage as TokenUsage | undefined;
      ticket.end({ ...(reported && { usage: reported }), estimatedTokens: promptTokens + estimateTokens(task.output) });
    };
    const attemptWhenProviderAvailable = async (attemptNumber: number): Promise<void> => {
      for (;;) {
        await this.waitForBreaker(task, controller.signal, () => (context.unavailable = true));
        try {
          return await scheduler.run(task.id, task.providerId, task.priority, () => attempt(attemptNumber), { promptTokens, retry: attemptNumber > 1 });
        } catch (error) {
          if (!(error instanceof ProviderPausedError)) throw error;
          this.deps.governors.release(task.id);
        }
      }
    };
    try {
      await pRetry(attemptWhenProviderAvailable, {
        retries: Math.max(0, policy.maxAttempts - 1),
        signal: controller.signal,
        // We wait ourselves (below) so the countdown is visible and uses the injected clock.
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        shouldConsumeRetry: ({ error }) => !isRateLimited(error),
        shouldRetry: ({ error }) => !controller.signal.aborted && context.budgetNote === undefined && isRetryable(error),
        onFailedAttempt: async ({ error, attemptNumber }) => {
          if (attemptNumber < allowedAttempts() && !controller.signal.aborted && isRetryable(error)) {
            const asked = serverWaitBeyondCap(policy, error);
            if (asked !== undefined) {
              context.budgetNote = ` Stopped retrying: the provider asked for a wait of ${formatWait(asked)}, longer than the ${formatWait(policy.maxWaitMs)} one wait may take; retry later.`;
              return;
            }
            const ms = retryDelayMs(policy, attemptNumber - 1, error, this.deps.random);
            if (waitedMs + ms > budgetMs) {
              context.budgetNote = ` Stopped retrying: waiting another ${Math.ceil(ms / 1000)}s would exceed the ${Math.round(budgetMs / 1000)}s retry budget ("aiTaskQueue.maxRetryWaitSeconds").`;
              return;
            }
            waitedMs += ms;
            await this.waitBeforeRetry(task, error, attemptNumber, allowedAttempts(), controller.signal, ms);
          }
        },
      });
      if (provider) this.finishCompleted(task, provider, usage);
    } catch (error) {
      this.finishWithError(task, error, controller.signal, provider, usage, context);
    } finally {
      if (deadlineTimer) clock.clearTimeout(deadlineTimer);
      this.deps.governors.release(task.id);
    }
  }

  /**
   * Waits while the provider's breaker is open. A started task's wait counts against its time
   * limit, which is already running; a queued task gives up once the outage has lasted as long as
   * its time limit.
   */
  private async waitForBreaker(task: MutableTask, signal: AbortSignal, abortedWhileWaiting: () => void): Promise<void> {
    const breaker = this.deps.governors.breaker(task.providerId);
    if (breaker.verdict().kind === 'proceed') return;
    const giveUpAfterOutageMs = task.status === 'queued' ? (task.timeoutMs ?? this.deps.defaultTimeoutMs()) : undefined;
    try {
      await waitForProvider(breaker, this.deps.clock, signal, (detail) => this.showDetail(task, detail), giveUpAfterOutageMs);
    } catch (error) {
      if (signal.aborted) abortedWhileWaiting();
      throw error;
    } finally {
      task.statusDetail = undefined;
      if (task.status === 'queued') this.deps.onTaskChange(task.id);
    }
  }

  private showDetail(task: MutableTask, detail: string): void {
    task.statusDetail = detail;
    if (task.status === 'queued') this.deps.onTaskChange(task.id);
    else this.deps.events.emit(task.id, { type: 'progress', detail });
  }

  finishCancelled(task: MutableTask, reason: string): void {
    task.status = 'cancelled';
    task.finishedAt = this.deps.clock.now();
    task.statusDetail = undefined;
    task.error = failure('CANCELLED', reason);
    this.deps.events.emit(task.id, { type: 'cancelled', reason });
  }

  private finishWithError(task: MutableTask, error: unknown, signal: AbortSignal, provider: ChatProvider | undefined, usage: TokenUsage | undefined, context: RunContext): void {
    const reason = runAbortReason(signal);
    const status = context.lastStatus;
    if (reason?.kind === 'cancel' || (error instanceof SlotRemovedError && !reason)) {
      this.finishCancelled(task, reason?.message ?? 'Cancelled');
    } else if (error instanceof ProviderOutageError && !reason) {
      const label = this.deps.providers(task.providerId)?.label ?? task.providerId;
      const last = this.deps.governors.breaker(task.providerId).lastFailure;
      const message = `${label} has been unavailable for ${Math.round(error.outageMs / 1000)}s after repeated failures${last ? ` (last: ${last})` : ''}, as long as the task's ${Math.round(error.limitMs / 1000)}s time limit; it was not sent.`;
      this.finishFailed(task, failure('PROVIDER_UNAVAILABLE', message, { status }), provider, usage);
    } else if (reason?.kind === 'timeout' && reason.limit === 'total' && context.unavailable) {
      const label = this.deps.providers(task.providerId)?.label ?? task.providerId;
      const last = this.deps.governors.breaker(task.providerId).lastFailure;
      const message = `${label} was unavailable after repeated failures${last ? ` (last: ${last})` : ''}, and the task's ${Math.round(reason.ms / 1000)}s time limit ran out while it waited.`;
      this.finishFailed(task, failure('PROVIDER_UNAVAILABLE', message, { status }), provider, usage);
    } else if (reason?.kind === 'timeout' || error instanceof TimeoutReason) {
      // The task's own limit, or the last attempt's stalled stream (idle timeout).
      const timeout = reason?.kind === 'timeout' ? reason : (error as TimeoutReason);
      const retried = timeout.limit === 'idle' && task.attempts > 1 ? ` on each of ${task.attempts} attempts` : '';
      this.finishFailed(task, failure('TIMEOUT', `${timeoutText(timeout)}${retried}; the partial output was kept.${context.budgetNote ?? ''}`, { limit: timeout.limit, status }), provider, usage);
    } else if (error instanceof UnknownProviderError) {
      this.finishFailed(task, failure('NOT_FOUND', error.message), undefined, undefined);
    } else {
      const classified = classifyError(error);
      this.finishFailed(task, { ...classified, message: `${classified.message}${context.budgetNote ?? ''}`, ...(status !== undefined && classified.status === undefined && { status }) }, provider, usage);
    }
  }

  private async waitBeforeRetry(task: MutableTask, error: unknown, attemptNumber: number, allowedAttempts: number, signal: AbortSignal, ms: number): Promise<void> {
    const { clock } = this.deps;
    const until = clock.now() + ms;
    const classified = classifyError(error);
    // The count went up by one for a 429; saying why keeps "attempt 2 of 4" from looking like a bug.
    const why = classified.code === 'RATE_LIMITED' ? `${classified.message} (a rate limit does not use up an attempt)` : classified.message;
    task.retriedFailures = [...(task.retriedFailures ?? []), classified.code];
    const show = (): void => {
      const seconds = countdownSeconds(until - clock.now());
      task.statusDetail = `retrying in ${seconds}s (attempt ${attemptNumber + 1} of ${allowedAttempts}): ${why}`;
      this.deps.events.emit(task.id, { type: 'progress', detail: task.statusDetail });
    };
    await new Promise<void>((resolve, reject) => {
      const timers: TimerHandle[] = [];
      const tick = (): void => {
        if (clock.now() >= until) return done();
        show();
        timers.push(clock.setTimeout(tick, Math.min(1000, until - clock.now())));
      };
      const done = (): void => {
        timers.forEach((t) => clock.clearTimeout(t));
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        timers.forEach((t) => clock.clearTimeout(t));
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      tick();
    });
    task.statusDetail = undefined;
  }

  private emitUsage(task: MutableTask, provider: ChatProvider, reported: TokenUsage | undefined): void {
    const usage = reported ?? estimateUsage(`${task.systemPrompt ?? ''}${task.prompt}`, task.output);
    task.usage = usage;
    task.costUsd = provider.unpriced ? null : this.deps.priceBook().cost(task.model, usage, provider.local);
    this.deps.events.emit(task.id, { type: 'usage', usage, costUsd: task.costUsd });
  }

  private finishCompleted(task: MutableTask, provider: ChatProvider, usage: TokenUsage | undefined): void {
    this.emitUsage(task, provider, usage);
    task.status = 'completed';
    task.finishedAt = this.deps.clock.now();
    task.statusDetail = undefined;
    this.deps.events.emit(task.id, { type: 'completed' });
  }

  private finishFailed(task: MutableTask, fail: TaskFailure, provider: ChatProvider | undefined, usage: TokenUsage | undefined): void {
    // Partial work still consumed tokens; report them (estimated when the stream was cut).
    if (provider && task.status === 'running' && (usage || task.output)) this.emitUsage(task, provider, usage);
    task.status = 'failed';
    task.error = fail;
    task.finishedAt = this.deps.clock.now();
    task.statusDetail = undefined;
    this.deps.events.emit(task.id, { type: 'failed', failure: fail });
  }
}

class UnknownProviderError extends Error {
  constructor(providerId: string) {
    super(`Provider "${providerId}" is not configured.`);
  }
}

/** The provider's breaker opened while the attempt waited for a slot: wait again, attempt not spent. */
class ProviderPausedError extends Error {
  constructor(providerId: string) {
    super(`Provider "${providerId}" is paused by its circuit breaker.`);
  }
}

function isRateLimited(error: unknown): boolean {
  return error instanceof ProviderError && classifyError(error).code === 'RATE_LIMITED';
}

function isRetryable(error: unknown): boolean {
  if (error instanceof UnknownProviderError || error instanceof SlotRemovedError || error instanceof ProviderOutageError) return false;
  return classifyError(error).retryable;
}

/** "45s", "12 min", "3 h": a wait as a person reads it. */
function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}

function requestFor(task: Task): { model: string; prompt: string; systemPrompt?: string } {
  return { model: task.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }) };
}
