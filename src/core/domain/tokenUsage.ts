// One normalized usage shape for every provider; provider clients map their own fields into it.

export interface TokenUsage {
  /** Input tokens billed at the normal input rate (excludes cache reads and writes). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  /** Reasoning tokens; a subset of outputTokens, billed as output. */
  readonly reasoningTokens: number;
  /** True when the figures are estimates (e.g. VS Code LM API, or a stream cut before usage arrived). */
  readonly estimated: boolean;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  estimated: false,
});

export function totalInputTokens(u: TokenUsage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}

export function totalTokens(u: TokenUsage): number {
  return totalInputTokens(u) + u.outputTokens;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    estimated: a.estimated || b.estimated,
  };
}
