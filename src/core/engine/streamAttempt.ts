// One provider call for a task: streams parts into callbacks and enforces the idle timeout by
// aborting the request itself, so a stalled call really stops using the network. (The total
// timeout spans all attempts and lives in TaskRunner.)
import { TimeoutReason } from '../domain/abortReasons';
import type { ChatProvider, ChatRequest, RateLimitSnapshot } from '../domain/chatProvider';
import type { Clock, TimerHandle } from '../domain/clock';
import type { TokenUsage } from '../domain/tokenUsage';

export interface AttemptCallbacks {
  onText(text: string): void;
  onUsage(usage: TokenUsage): void;
  onRateLimit?(limits: RateLimitSnapshot): void;
}

export interface AttemptLimits {
  /** Abort when no part arrives for this long; undefined = no idle limit. */
  readonly idleTimeoutMs?: number;
}

/**
 * Runs one attempt. Resolves with the finish reason when the stream ends; rejects with the
 * provider's error otherwise. `controller` is aborted with a TimeoutReason when a limit fires.
 */
export async function streamAttempt(
  provider: ChatProvider,
  request: ChatRequest,
  controller: AbortController,
  clock: Clock,
  limits: AttemptLimits,
  callbacks: AttemptCallbacks,
): Promise<string | undefined> {
  const arm = (ms: number): TimerHandle => clock.setTimeout(() => controller.abort(new TimeoutReason('idle', ms)), ms);
  let idle = limits.idleTimeoutMs !== undefined ? arm(limits.idleTimeoutMs) : undefined;
  let finishReason: string | undefined;
  try {
    for await (const part of provider.streamChat(request, controller.signal)) {
      if (controller.signal.aborted) break;
      if (idle && limits.idleTimeoutMs !== undefined) {
        clock.clearTimeout(idle);
        idle = arm(limits.idleTimeoutMs);
      }
      switch (part.type) {
        case 'text':
          if (part.text) callbacks.onText(part.text);
          break;
        case 'usage':
          callbacks.onUsage(part.usage);
          break;
        case 'rateLimit':
          callbacks.onRateLimit?.(part.limits);
          break;
        case 'finish':
          finishReason = part.reason;
          break;
      }
    }
    // A provider that ignores the signal must not turn an abort into a success.
    if (controller.signal.aborted) throw controller.signal.reason;
    return finishReason;
  } finally {
    if (idle) clock.clearTimeout(idle);
  }
}
