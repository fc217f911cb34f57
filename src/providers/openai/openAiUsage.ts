// Maps OpenAI's usage object into TokenUsage. cached_tokens (and cache_write_tokens, when a
// server reports it) are subsets of prompt_tokens, so they are taken out of inputTokens to
// keep every bucket disjoint; reasoning_tokens stays inside outputTokens, as TokenUsage says.
import * as v from 'valibot';
import type { TokenUsage } from '../../core/domain/tokenUsage';

const count = v.optional(v.nullable(v.number()));

export const openAiUsageSchema = v.object({
  prompt_tokens: count,
  completion_tokens: count,
  prompt_tokens_details: v.optional(v.nullable(v.object({ cached_tokens: count, cache_write_tokens: count }))),
  completion_tokens_details: v.optional(v.nullable(v.object({ reasoning_tokens: count }))),
});

export type OpenAiUsage = v.InferOutput<typeof openAiUsageSchema>;

export function openAiUsageToTokenUsage(usage: OpenAiUsage): TokenUsage {
  const prompt = whole(usage.prompt_tokens);
  const cacheRead = Math.min(prompt, whole(usage.prompt_tokens_details?.cached_tokens));
  const cacheWrite = Math.min(prompt - cacheRead, whole(usage.prompt_tokens_details?.cache_write_tokens));
  const output = whole(usage.completion_tokens);
  return {
    inputTokens: prompt - cacheRead - cacheWrite,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: Math.min(output, whole(usage.completion_tokens_details?.reasoning_tokens)),
    estimated: false,
  };
}

/** Null, negative or fractional counts from odd servers become safe whole numbers. */
function whole(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
