// The fault-injection vocabulary of the fake OpenAI-compatible server. A test queues scripted
// responses (`server.enqueue(...)`); each POST /chat/completions takes the next one, and when the
// queue is empty the server replies normally. Every variant mirrors something real servers do
// (reference §1, §3, §7).
import type { LineEnding } from './sseWriter';

export interface OpenAiErrorObject {
  readonly message: string;
  readonly type: string;
  readonly param?: string | null;
  readonly code: string | null;
}

/** Overrides for the usage the fake computes; `false` sends no usage chunk at all. */
export interface UsageOverride {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly cached_tokens?: number;
  readonly reasoning_tokens?: number;
}

export type OpenAiScript =
  /** A non-2xx response with the OpenAI error body (§1.4); defaults per status. */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly error?: Partial<OpenAiErrorObject>;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** A normal answer (stream or JSON, as requested) with optional faults along the way. */
  | {
      readonly kind: 'reply';
      readonly text?: string;
      readonly chunkDelayMs?: number;
      /** Spreads the reply over this long (headers at once, then chunks evenly), like a model's answer. */
      readonly durationMs?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly usage?: UsageOverride | false;
      readonly finishReason?: string;
      readonly lineEnding?: LineEnding;
      /** Sends `: keep-alive` comment lines before and between chunks. */
      readonly keepAlive?: boolean;
      /** After this many content chunks, sends `data: {"error": …}` and ends the response. */
      readonly errorAfterChunks?: { readonly chunks: number; readonly error: OpenAiErrorObject };
      /** Ends the stream early: before the usage chunk, before `[DONE]`, or after N content chunks. */
      readonly truncate?: 'beforeUsage' | 'beforeDone' | { readonly afterChunks: number };
      /** How a truncated stream ends: a clean end of the body (default), or the connection closed mid-body. */
      readonly truncateBy?: 'end' | 'destroy';
      /** Answer with a JSON completion even when a stream was requested. */
      readonly forceJson?: boolean;
    }
  /** Exactly these bytes, in pieces with a delay between them (malformed chunks, HTML pages, …). */
  | {
      readonly kind: 'raw';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: readonly string[];
      readonly pieceDelayMs?: number;
    }
  /** Destroys the socket before sending anything. */
  | { readonly kind: 'hangUp' };
