// The fakes' deterministic reply: it echoes the prompt so a person (or a test) can tell which task
// produced it, and a prompt containing "[slow]" streams slowly so UI tests have time to cancel.

import { rewriteReply } from './rewriteReply';

export interface ReplyOptions {
  /** Text put before the reply, e.g. "[offline simulator] ". */
  readonly prefix?: string;
  /** Replaces the generated text entirely. */
  readonly text?: string;
  /** Per-chunk delay for ordinary prompts. */
  readonly chunkDelayMs: number;
  /** Per-chunk delay and chunk count for prompts containing "[slow]". */
  readonly slowChunkDelayMs: number;
  readonly slowChunkCount: number;
}

export interface SimulatedReply {
  readonly text: string;
  readonly chunks: readonly string[];
  readonly chunkDelayMs: number;
}

export const SLOW_MARKER = '[slow]';

export function simulatedReply(prompt: string, options: ReplyOptions): SimulatedReply {
  const rewritten = rewriteReply(prompt);
  const text = options.text ?? (rewritten !== undefined ? `${options.prefix ?? ''}${rewritten}` : `${options.prefix ?? ''}Simulated reply to: ${prompt.slice(0, 60)}`);
  if (prompt.includes(SLOW_MARKER)) {
    return { text, chunks: splitEvenly(text, options.slowChunkCount), chunkDelayMs: options.slowChunkDelayMs };
  }
  return { text, chunks: splitWords(text), chunkDelayMs: options.chunkDelayMs };
}

/** Word-sized pieces (each keeps its trailing space), like a real tokenizer's output. */
export function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function splitEvenly(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
