// Turns normalized usage into dollars. Unknown models cost `null` ("price unknown"), never a guess.
// It also says where a price came from (the dated table, or an override from the settings), so
// every surface that shows spend can say when a figure rests on someone's override.
import { DEFAULT_PRICES, priceForTier, type ModelPrice, type PriceTier } from './pricingTable';
import { PrefixTable } from './prefixTable';
import type { TokenUsage } from '../domain/tokenUsage';

const PER_TOKEN = 1 / 1_000_000;

export type PriceSource = 'table' | 'override';

export class PriceBook {
  private readonly prices: PrefixTable<{ readonly price: ModelPrice; readonly source: PriceSource }>;

  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}, defaults: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES) {
    const merged = new Map<string, { price: ModelPrice; source: PriceSource }>();
    for (const [model, price] of Object.entries(defaults)) merged.set(model.toLowerCase(), { price, source: 'table' });
    for (const [model, price] of Object.entries(overrides)) merged.set(model.toLowerCase(), { price, source: 'override' });
    this.prices = new PrefixTable(merged);
  }

  /** The price for a model id: exact match first, then the longest prefix; `batch` for a provider batch. */
  priceFor(model: string, tier: PriceTier = 'standard'): ModelPrice | undefined {
    const price = this.prices.get(model)?.price;
    return price && priceForTier(price, tier);
  }

  /** Where the model's price comes from; undefined when it has none. */
  priceSource(model: string): PriceSource | undefined {
    return this.prices.get(model)?.source;
  }

  /** Cost in USD; 0 for local servers; null when the model's price is unknown. */
  cost(model: string, usage: TokenUsage, local: boolean, tier: PriceTier = 'standard'): number | null {
    if (local) return 0;
    const price = this.priceFor(model, tier);
    if (!price) return null;
    return (
      (usage.inputTokens * price.input +
        usage.cacheReadTokens * price.cacheRead +
        usage.cacheWriteTokens * price.cacheWrite +
        usage.outputTokens * price.output) *
      PER_TOKEN
    );
  }
}
