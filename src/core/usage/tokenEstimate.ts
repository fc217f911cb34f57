// A rough token estimate (≈ 4 characters per token for English text and code) used only when a
// provider reports no usage; the result is always flagged `estimated`.
import type { TokenUsage } from '../domain/tokenUsage';

export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

export function estimateUsage(input: string, output: string): TokenUsage {
  return {
    inputTokens: estimateTokens(input),
    outputTokens: estimateTokens(output),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    estimated: true,
  };
}
