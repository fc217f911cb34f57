// Context windows and output caps per model id prefix, next to the price table and dated like it.
// They decide two things before a run: whether the prompt fits at all (a prompt larger than the
// window is refused before sending) and the top of the cost range (input plus the most output the
// model may write). A model not listed has no known limits: nothing is refused for it and the cost
// range says its output cap is unknown.
//
// Sources, checked 2026-12-02: OpenAI model pages as quoted by contextwindows.dev and chatai.guide
// (GPT-4.1 family 1,047,576 / 32,768; GPT-4o 128,000 / 16,384; o3 and o4-mini 200,000 / 100,000;
// GPT-5 family 400,000 / 128,000); Anthropic's model overview pages (Opus 4.6: 1M context, 128K
// output; Opus 4.5: 200K / 64K; Haiku 4.5 and Sonnet 4 / 4.5: 200K / 64K; Opus 4 / 4.1: 200K / 32K;
// Haiku 3.5: 200K / 8,192) and the Effect AI changelog for Opus 4.7 and Sonnet 4.6 (128K output).
// Where sources disagree, the larger figure is used, so that a valid run is never refused.
import { PrefixTable } from './prefixTable';

export interface ModelLimits {
  /** Input plus output tokens the model accepts in one request. */
  readonly contextWindow: number;
  /** The most output tokens one response may have. */
  readonly maxOutputTokens: number;
}

export const MODEL_LIMITS_AS_OF = '2026-12-02';

export const DEFAULT_MODEL_LIMITS: Readonly<Record<string, ModelLimits>> = {
  // OpenAI
  'gpt-4o': { contextWindow: 128_000, maxOutputTokens: 16_384 },
  'gpt-4o-mini': { contextWindow: 128_000, maxOutputTokens: 16_384 },
  'gpt-4.1': { contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  'gpt-5': { contextWindow: 400_000, maxOutputTokens: 128_000 },
  o3: { contextWindow: 200_000, maxOutputTokens: 100_000 },
  'o4-mini': { contextWindow: 200_000, maxOutputTokens: 100_000 },
  // Anthropic (standard context; the 1M beta needs a header this extension does not send)
  'claude-sonnet-4': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'claude-sonnet-4-6': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-haiku-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'claude-3-5-haiku': { contextWindow: 200_000, maxOutputTokens: 8_192 },
  'claude-opus-4': { contextWindow: 200_000, maxOutputTokens: 32_000 },
  'claude-opus-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'claude-opus-4-6': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-4-7': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
};

const TABLE = new PrefixTable(Object.entries(DEFAULT_MODEL_LIMITS));

export function modelLimitsFor(model: string): ModelLimits | undefined {
  return TABLE.get(model);
}
