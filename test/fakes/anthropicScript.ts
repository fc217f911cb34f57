// Fault-injection vocabulary of the fake Anthropic server: `server.enqueue(...)` queues responses
// for the next POST /v1/messages requests; with an empty queue it answers normally.
import type { LineEnding } from './sseWriter';

export interface AnthropicUsageOverride {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly cache_creation_input_tokens?: number;
  readonly cache_read_input_tokens?: number;
}

export type AnthropicScript =
  /** A non-2xx response with Anthropic's error body (reference §2.4); defaults per status. */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly errorType?: string;
      readonly message?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'reply';
      readonly text?: string;
      readonly chunkDelayMs?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly usage?: AnthropicUsageOverride;
      /** Repeat the (cumulative) input and cache counts in message_delta, as newer API versions do. */
      readonly cumulativeUsageInDelta?: boolean;
      readonly stopReason?: string;
      readonly lineEnding?: LineEnding;
      /** After this many text deltas, sends `event: error` (default type overloaded_error) and ends. */
      readonly errorAfterChunks?: { readonly chunks: number; readonly errorType?: string; readonly message?: string };
      /** Ends early: after N text deltas, or just before message_stop. */
      readonly truncate?: 'beforeStop' | { readonly afterChunks: number };
      readonly truncateBy?: 'end' | 'destroy';
    }
  | {
      readonly kind: 'raw';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: readonly string[];
    }
  | { readonly kind: 'hangUp' };
