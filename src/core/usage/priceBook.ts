// Turns normalized usage into dollars. Unknown models cost `null` ("price unknown"), never a guess.
import { DEFAULT_PRICES, type ModelPrice } from './pricingTable';
import type { TokenUsage } from '../domain/tokenUsage';

const PER_TOKEN = 1 / 1_000_000;

export class PriceBook {
  private readonly prices: ReadonlyMap<string, ModelPrice>;
  private readonly prefixesLongestFirst: readonly string[];

  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}, defaults: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES) {
    this.prices = new Map([...Object.entries(defaults), ...Object.entries(overrides)]);
    this.prefixesLongestFirst = [...this.prices.keys()].sort((a, b) => b.length - a.length);
  }

  /** The price for a model id: exact match first, then the longest prefix. */
  priceFor(model: string): ModelPrice | undefined {
    const id = model.toLowerCase();
    const exact = this.prices.get(id);
    if (exact) return exact;
    const prefix = this.prefixesLongestFirst.find((p) => id.startsWith(p.toLowerCase()));
    return prefix ? this.prices.get(prefix) : undefined;
  }

  /** Cost in USD; 0 for local servers; null when the model's price is unknown. */
  cost(model: string, usage: TokenUsage, local: boolean): number | null {
    if (local) return 0;
    const price = this.priceFor(model);
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
