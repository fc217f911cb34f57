// Runs one task from its first attempt to its terminal event. Attempts are driven by p-retry;
// each attempt takes a scheduler slot, and the wait between attempts happens outside any slot
// with a visible countdown. The total timeout spans all attempts and waits.
import pRetry from 'p-retry';
import { runAbortReason, TimeoutReason } from './abortReasons';
import type { ChatProvider } from './chatProvider';
import type { Clock, TimerHandle } from './clock';
import { classifyError, failure } from './failureClassifier';
import type { PriceBook } from './priceBook';
import { retryDelayMs, type RetryPolicy } from './retryPolicy';
import { streamAttempt } from './streamAttempt';
import type { TaskEventBus } from './taskEventBus';
import type { TaskFailure } from './taskFailure';
import type { Task } from './taskModel';
import { SlotRemovedError, type TaskScheduler } from './taskScheduler';
import { estimateUsage } from './tokenEstimate';
import type { TokenUsage } from './tokenUsage';

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
}

export class TaskRunner {
  constructor(private readonly deps: TaskRunnerDeps) {}

  /** Resolves once the task has emitted its terminal event; never rejects. */
  async run(task: MutableTask, controller: AbortController): Promise<void> {
    const { scheduler, clock } = this.deps;
    const policy = this.deps.retryPolicy();
    let usage: TokenUsage | undefined;
    let provider: ChatProvider | undefined;
    let deadlineTimer: TimerHandle | undefined;
    // Unschedule a waiting attempt as soon as the task is cancelled or times out.
    controller.signal.addEventListener('abort', () => scheduler.unschedule(task.id), { once: true });
    const attempt = async (attemptNumber: number): Promise<void> => {
      provider = this.deps.providers(task.providerId);
      if (attemptNumber === 1) {
        task.status = 'running';
        task.startedAt = clock.now();
        const timeoutMs = task.timeoutMs ?? this.deps.defaultTimeoutMs();
        deadlineTimer = clock.setTimeout(() => controller.abort(new TimeoutReason('total', timeoutMs)), timeoutMs);
        this.deps.events.emit(task.id, { type: 'started', attempt: 1 });
      } else {
        // A new attempt starts clean: the panel is told to drop the failed attempt's text.
        task.output = '';
        task.firstTokenAt = undefined;
        this.deps.events.emit(task.id, { type: 'progress', restart: true, text: '', attempt: attemptNumber, detail: `attempt ${attemptNumber} of ${policy.maxAttempts}` });
      }
      task.attempts = attemptNumber;
      task.statusDetail = undefined;
      usage = undefined;
      if (!provider) throw new UnknownProviderError(task.providerId);
      const idleTimeoutMs = this.deps.idleTimeoutMs();
      await streamAttempt(provider, requestFor(task), controller, clock, idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}, {
        onText: (text) => {
          task.firstTokenAt ??= clock.now();
          task.output += text;
          this.deps.events.emit(task.id, { type: 'progress', text });
        },
        onUsage: (u) => {
          usage = u;
        },
      });
    };
    try {
      await pRetry((n) => scheduler.run(task.id, task.providerId, task.priority, () => attempt(n)), {
        retries: Math.max(0, policy.maxAttempts - 1),
        signal: controller.signal,
        // We wait ourselves (below) so the countdown is visible and uses the injected clock.
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        shouldRetry: ({ error }) => !controller.signal.aborted && isRetryable(error),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0 && !controller.signal.aborted && isRetryable(error)) {
            await this.waitBeforeRetry(task, error, attemptNumber, policy, controller.signal);
          }
        },
      });
      if (provider) this.finishCompleted(task, provider, usage);
    } catch (error) {
      this.finishWithError(task, error, controller.signal, provider, usage);
    } finally {
      if (deadlineTimer) clock.clearTimeout(deadlineTimer);
    }
  }

  finishCancelled(task: MutableTask, reason: string): void {
    task.status = 'cancelled';
    task.finishedAt = this.deps.clock.now();
    task.statusDetail = undefined;
    task.error = failure('CANCELLED', reason);
    this.deps.events.emit(task.id, { type: 'cancelled', reason });
  }

  private finishWithError(task: MutableTask, error: unknown, signal: AbortSignal, provider: ChatProvider | undefined, usage: TokenUsage | undefined): void {
    const reason = runAbortReason(signal);
    if (reason?.kind === 'cancel' || (error instanceof SlotRemovedError && !reason)) {
      this.finishCancelled(task, reason?.message ?? 'Cancelled');
    } else if (reason?.kind === 'timeout') {
      const seconds = Math.round(reason.ms / 1000);
      const what = reason.limit === 'idle' ? `No data for ${seconds}s (idle timeout)` : `Timed out after ${seconds}s (total timeout)`;
      this.finishFailed(task, failure('TIMEOUT', `${what}; the partial output was kept.`, { limit: reason.limit }), provider, usage);
    } else if (error instanceof UnknownProviderError) {
      this.finishFailed(task, failure('NOT_FOUND', error.message), undefined, undefined);
    } else {
      this.finishFailed(task, classifyError(error), provider, usage);
    }
  }

  private async waitBeforeRetry(task: MutableTask, error: unknown, attemptNumber: number, policy: RetryPolicy, signal: AbortSignal): Promise<void> {
    const { clock } = this.deps;
    const ms = retryDelayMs(policy, attemptNumber - 1, error, this.deps.random);
    const until = clock.now() + ms;
    const why = classifyError(error).message;
    const show = (): void => {
      const seconds = Math.max(0, Math.ceil((until - clock.now()) / 1000));
      task.statusDetail = `retrying in ${seconds}s (attempt ${attemptNumber + 1} of ${policy.maxAttempts}): ${why}`;
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

function isRetryable(error: unknown): boolean {
  if (error instanceof UnknownProviderError || error instanceof SlotRemovedError) return false;
  return classifyError(error).retryable;
}

function requestFor(task: Task): { model: string; prompt: string; systemPrompt?: string } {
  return { model: task.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }) };
}
