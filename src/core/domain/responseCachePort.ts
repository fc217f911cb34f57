// The port the engine asks before it schedules a task: is there a stored answer to this exact
// request? Implemented by src/core/cache/responseCache.ts; the engine never knows how answers are
// keyed, bounded or stored.
import type { Task } from './taskModel';
import type { TokenUsage } from './tokenUsage';

export interface CachedAnswer {
  readonly output: string;
  /** The usage of the run that produced it. */
  readonly usage: TokenUsage;
  /** What that run cost: what serving it again saves. `null` when its price was unknown. */
  readonly costUsd: number | null;
  readonly storedAt: number;
}

export type CacheableRequest = Pick<Task, 'providerId' | 'model' | 'prompt' | 'systemPrompt' | 'maxOutputTokens'>;

export interface ResponseCachePort {
  lookup(request: CacheableRequest): CachedAnswer | undefined;
}
