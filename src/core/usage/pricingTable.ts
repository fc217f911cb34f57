// Default prices in USD per 1M tokens, keyed by model id prefix (the longest matching prefix wins,
// so "gpt-4o-mini" beats "gpt-4o"). Prices change: users override per model in settings.
// Sources and dates: ../shared/docs/provider-reference.md §6 (OpenAI rows checked 2026-03..06,
// Anthropic rows from the official page ≈ Aug–Oct 2025 and secondary sources 2026-04).

export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Cached input read (OpenAI "cached input", Anthropic "cache read"). */
  readonly cacheRead: number;
  /** Cache write (Anthropic 5-minute write); OpenAI has no separate write charge. */
  readonly cacheWrite: number;
}

export const PRICES_AS_OF = '2026-06-23';

/**
 * Requests run through a provider's batch API (OpenAI Batch API, Anthropic Message Batches) are
 * billed at half of every price above: input, output, and the cache buckets, which stack with the
 * batch discount. Sources (provider-reference.md §5–6): Anthropic's official pricing table lists
 * batch prices at exactly half (≈ Aug–Oct 2025 copy); OpenAI's batch guide and secondary pricing
 * pages (deploybase.ai, March 2026) state 50 % off. An override in `aiTaskQueue.pricing` is halved
 * the same way.
 */
export const BATCH_PRICE_FACTOR = 0.5;
export const BATCH_PRICES_AS_OF = '2026-03-21';

/** Which price list a request is billed from. */
export type PriceTier = 'standard' | 'batch';

export function priceForTier(price: ModelPrice, tier: PriceTier): ModelPrice {
  if (tier === 'standard') return price;
  const f = BATCH_PRICE_FACTOR;
  return { input: price.input * f, output: price.output * f, cacheRead: price.cacheRead * f, cacheWrite: price.cacheWrite * f };
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-4o': { input: 2.5, cacheRead: 1.25, cacheWrite: 0, output: 10 },
  'gpt-4o-mini': { input: 0.15, cacheRead: 0.075, cacheWrite: 0, output: 0.6 },
  'gpt-4.1': { input: 2, cacheRead: 0.5, cacheWrite: 0, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cacheRead: 0.1, cacheWrite: 0, output: 1.6 },
  o3: { input: 2, cacheRead: 0.5, cacheWrite: 0, output: 8 },
  'o4-mini': { input: 1.1, cacheRead: 0.275, cacheWrite: 0, output: 4.4 },
  // Anthropic (cache write priced at the 5-minute rate)
  'claude-sonnet-4': { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
  'claude-haiku-4-5': { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, cacheWrite: 1, cacheRead: 0.08, output: 4 },
  'claude-opus-4': { input: 15, cacheWrite: 18.75, cacheRead: 1.5, output: 75 },
  'claude-opus-4-1': { input: 15, cacheWrite: 18.75, cacheRead: 1.5, output: 75 },
  'claude-opus-4-5': { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
  'claude-opus-4-6': { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
  'claude-opus-4-7': { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
};
