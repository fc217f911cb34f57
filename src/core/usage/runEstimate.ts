// What a run is expected to cost before it is sent: the input tokens times the input price, up to
// that plus the most output the run may produce times the output price. The range is honest about
// what it does not know: an unknown price is `null` ("price unknown", never $0), an unknown output
// cap leaves the top of the range open, and a count that is an estimate says so.
import { BATCH_PRICE_FACTOR, type ModelPrice } from './pricingTable';
import type { ModelLimits } from './modelLimits';
import type { PriceSource } from './priceBook';
import type { TokenCount } from './promptTokenCounter';

const PER_TOKEN = 1 / 1_000_000;

export interface RunPricing {
  /** Undefined when the model has no known price. */
  readonly price: ModelPrice | undefined;
  readonly priceSource: PriceSource | undefined;
  /** A local server: costs nothing. */
  readonly local: boolean;
  /** No per-token price exists for the provider at all (VS Code's LM API). */
  readonly unpriced: boolean;
}

export interface RunEstimate {
  readonly providerId: string;
  readonly model: string;
  readonly count: TokenCount;
  /** The most output tokens the run may produce (the setting, the provider's default, or the model's cap). */
  readonly outputCap: number | undefined;
  readonly limits: ModelLimits | undefined;
  /** Input cost: the least the run costs. `null` when the price is unknown. */
  readonly lowUsd: number | null;
  /** Input plus output up to the cap. `null` when the price is unknown; undefined when the cap is. */
  readonly highUsd: number | null | undefined;
  readonly free: boolean;
  readonly priceSource: PriceSource | undefined;
  /** A stored answer would be served instead of a provider call. */
  readonly cached?: boolean;
}

export interface RunEstimateInput {
  readonly providerId: string;
  readonly model: string;
  readonly count: TokenCount;
  readonly pricing: RunPricing;
  readonly limits: ModelLimits | undefined;
  /** An output cap the request itself sends (the maxOutputTokens setting, or Anthropic's required default). */
  readonly requestedOutputCap?: number;
  readonly cached?: boolean;
}

export function estimateRun(input: RunEstimateInput): RunEstimate {
  const { count, pricing, limits } = input;
  const modelCap = limits?.maxOutputTokens;
  const outputCap = input.requestedOutputCap !== undefined && modelCap !== undefined ? Math.min(input.requestedOutputCap, modelCap) : (input.requestedOutputCap ?? modelCap);
  const base = { providerId: input.providerId, model: input.model, count, outputCap, limits, priceSource: pricing.priceSource, ...(input.cached && { cached: true }) };
  if (input.cached || (pricing.local && !pricing.unpriced)) return { ...base, lowUsd: 0, highUsd: 0, free: true };
  if (pricing.unpriced || !pricing.price) return { ...base, lowUsd: null, highUsd: null, free: false };
  const low = count.tokens * pricing.price.input * PER_TOKEN;
  return { ...base, lowUsd: low, highUsd: outputCap === undefined ? undefined : low + outputCap * pricing.price.output * PER_TOKEN, free: false };
}

/** Why a run cannot be sent at all: its prompt does not fit the model's context window. */
export interface ContextOverflow {
  readonly inputTokens: number;
  readonly contextWindow: number;
  /** Output the request reserves, when it sends a cap (it must fit in the window too). */
  readonly reservedOutput: number;
  /** The count is an estimate, so the overflow is likely rather than certain. */
  readonly estimated: boolean;
}

export function contextOverflow(estimate: RunEstimate, requestedOutputCap: number | undefined): ContextOverflow | undefined {
  const window = estimate.limits?.contextWindow;
  if (window === undefined || estimate.cached) return undefined;
  // Only an output cap the request actually sends takes room: without one the provider shortens the reply instead.
  const reserved = requestedOutputCap === undefined ? 0 : Math.min(requestedOutputCap, estimate.limits?.maxOutputTokens ?? requestedOutputCap);
  if (estimate.count.tokens + reserved <= window) return undefined;
  return { inputTokens: estimate.count.tokens, contextWindow: window, reservedOutput: reserved, estimated: estimate.count.method === 'estimate' };
}

/** Several runs launched together (a batch, a comparison), added up. */
export interface BatchEstimate {
  readonly runs: number;
  readonly inputTokens: number;
  /** Sum over the runs whose price is known. */
  readonly lowUsd: number;
  /** Undefined when some run's output cap is unknown. */
  readonly highUsd: number | undefined;
  /** Runs whose price is unknown: not in the sums. */
  readonly unknownPriceRuns: number;
  readonly estimatedRuns: number;
  readonly freeRuns: number;
  readonly cachedRuns: number;
  readonly overrideRuns: number;
  /** The largest single prompt, for the size threshold. */
  readonly largestInputTokens: number;
}

export function addUpEstimates(estimates: readonly RunEstimate[]): BatchEstimate {
  let inputTokens = 0;
  let low = 0;
  let high: number | undefined = 0;
  let unknown = 0;
  let estimated = 0;
  let free = 0;
  let cached = 0;
  let override = 0;
  let largest = 0;
  for (const e of estimates) {
    inputTokens += e.count.tokens;
    largest = Math.max(largest, e.count.tokens);
    if (e.count.method === 'estimate') estimated += 1;
    if (e.free) free += 1;
    if (e.cached) cached += 1;
    if (e.priceSource === 'override' && !e.free) override += 1;
    if (e.lowUsd === null) {
      unknown += 1;
      continue;
    }
    low += e.lowUsd;
    high = high === undefined || e.highUsd === undefined || e.highUsd === null ? undefined : high + e.highUsd;
  }
  return { runs: estimates.length, inputTokens, lowUsd: low, highUsd: high, unknownPriceRuns: unknown, estimatedRuns: estimated, freeRuns: free, cachedRuns: cached, overrideRuns: override, largestInputTokens: largest };
}

/** The same run sent through the provider's batch API: every priced figure at the batch prices. */
export function atBatchPrices(estimate: RunEstimate): RunEstimate {
  if (estimate.free || estimate.lowUsd === null) return estimate;
  const high = estimate.highUsd;
  return { ...estimate, lowUsd: estimate.lowUsd * BATCH_PRICE_FACTOR, highUsd: high === undefined || high === null ? high : high * BATCH_PRICE_FACTOR };
}
