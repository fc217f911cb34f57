// Validates user price overrides from settings. Settings are user input: a malformed entry is
// dropped (and reported) rather than turning into a wrong cost.
import * as v from 'valibot';
import type { ModelPrice } from './pricingTable';

const price = v.pipe(v.number(), v.finite(), v.minValue(0));
const OverrideSchema = v.object({ input: price, output: price, cacheRead: v.optional(price), cacheWrite: v.optional(price) });

export function parsePriceOverrides(raw: unknown, onInvalid?: (model: string) => void): Record<string, ModelPrice> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, ModelPrice> = {};
  for (const [model, value] of Object.entries(raw)) {
    const parsed = v.safeParse(OverrideSchema, value);
    if (!parsed.success) {
      onInvalid?.(model);
      continue;
    }
    const { input, output, cacheRead, cacheWrite } = parsed.output;
    // Without an explicit cache price, cached tokens cost what input costs: never cheaper than stated.
    out[model.toLowerCase()] = { input, output, cacheRead: cacheRead ?? input, cacheWrite: cacheWrite ?? input };
  }
  return out;
}
