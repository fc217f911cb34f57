// Anthropic usage: input, cache-write and cache-read are disjoint buckets (unlike OpenAI's
// cached_tokens). In a stream, message_start carries the input side and message_delta carries
// cumulative totals; a non-null cumulative figure replaces the earlier one, never adds to it.
import * as v from 'valibot';
import type { TokenUsage } from '../../core/domain/tokenUsage';

const count = v.optional(v.nullable(v.number()));

export const anthropicUsageSchema = v.object({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
});

export type AnthropicUsage = v.InferOutput<typeof anthropicUsageSchema>;

/** Later non-null counts override earlier ones (reference §2.3). */
export function mergeAnthropicUsage(previous: AnthropicUsage | undefined, next: AnthropicUsage): AnthropicUsage {
  return {
    input_tokens: next.input_tokens ?? previous?.input_tokens,
    output_tokens: next.output_tokens ?? previous?.output_tokens,
    cache_creation_input_tokens: next.cache_creation_input_tokens ?? previous?.cache_creation_input_tokens,
    cache_read_input_tokens: next.cache_read_input_tokens ?? previous?.cache_read_input_tokens,
  };
}

export function anthropicUsageToTokenUsage(usage: AnthropicUsage): TokenUsage {
  return {
    inputTokens: whole(usage.input_tokens),
    outputTokens: whole(usage.output_tokens),
    cacheReadTokens: whole(usage.cache_read_input_tokens),
    cacheWriteTokens: whole(usage.cache_creation_input_tokens),
    // Thinking tokens are billed inside output_tokens and not reported separately.
    reasoningTokens: 0,
    estimated: false,
  };
}

function whole(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
