// What a provider made of one request that ran outside the local queue (in a provider batch): the
// shape the engine settles such a task with (TaskEngine.settleExternal).
import type { TaskFailure } from './taskFailure';
import type { TokenUsage } from './tokenUsage';
import type { Phrase } from './phrase';

/** What the provider made of one request. */
export type ExternalResult =
  | {
      readonly kind: 'completed';
      readonly output: string;
      readonly usage: TokenUsage;
      /** When the provider took the request on (its batch's start); defaults to now. */
      readonly startedAt?: number;
      /** When the provider finished it (its batch's end); defaults to now. */
      readonly finishedAt?: number;
    }
  | {
      readonly kind: 'failed';
      readonly failure: TaskFailure;
      /** 1 when the provider ran the request and it failed, 0 when it was never run (expired, not submitted). */
      readonly attempts: number;
      readonly finishedAt?: number;
    }
  | { readonly kind: 'cancelled'; readonly reason: Phrase };
