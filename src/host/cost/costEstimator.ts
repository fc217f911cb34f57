// Estimates planned runs with what is live right now: the provider registry (which provider is
// local, unpriced, or can count tokens itself), the price book, the output cap the request will
// send, and the response cache (a cached answer costs nothing). The prompt box asks for a quick
// local count on every keystroke; the confirmation before queueing asks for the best count.
import type { ResponseCachePort } from '../../core/domain/responseCachePort';
import type { TaskInput } from '../../core/domain/taskModel';
import { modelLimitsFor } from '../../core/usage/modelLimits';
import type { PriceBook } from '../../core/usage/priceBook';
import { PromptTokenCounter, type PromptParts, type ProviderTokenCounter, type TokenCount } from '../../core/usage/promptTokenCounter';
import { estimateRun, type RunEstimate } from '../../core/usage/runEstimate';
import type { Settings } from '../config/settings';
import type { ProviderRegistry } from '../providers/providerRegistry';
import type { Logger } from '../logging/logger';

export type PlannedRun = Pick<TaskInput, 'providerId' | 'model' | 'prompt' | 'systemPrompt'> & {
  readonly fresh?: boolean;
  /** The prompt's pieces (see PromptParts.segments): a large selection or file is counted once. */
  readonly segments?: readonly string[];
};

export interface CostEstimatorDeps {
  readonly providers: ProviderRegistry;
  readonly priceBook: () => PriceBook;
  readonly settings: () => Settings;
  readonly cache?: ResponseCachePort;
  readonly log?: Logger;
}

export class CostEstimator {
  private readonly counter: PromptTokenCounter;

  constructor(private readonly deps: CostEstimatorDeps) {
    this.counter = new PromptTokenCounter({
      providerCounter: (providerId) => this.providerCounter(providerId),
      onTokenizerError: (error) => deps.log?.error('the OpenAI tokenizer could not be loaded; token counts are estimates', error),
    });
  }

  /** A fast estimate (local tokenizer or estimate): for the prompt box, on every keystroke. */
  async quick(run: PlannedRun): Promise<RunEstimate> {
    return this.toEstimate(run, await this.counter.countLocally(parts(run)));
  }

  /** The best estimate: the provider's own count when it has one. For the confirmation before queueing. */
  async exact(run: PlannedRun, signal: AbortSignal): Promise<RunEstimate> {
    return this.toEstimate(run, await this.counter.count(parts(run), signal));
  }

  /** A stored answer would serve this request, so running it costs nothing and sends nothing. */
  isCached(run: PlannedRun): boolean {
    return !run.fresh && this.deps.cache?.lookup(run) !== undefined;
  }

  /** The output cap the request itself sends: the setting, or the provider's required default. */
  requestedOutputCap(providerId: string): number | undefined {
    return this.deps.settings().maxOutputTokens ?? this.deps.providers.entry(providerId)?.defaultOutputCap;
  }

  private toEstimate(run: PlannedRun, count: TokenCount): RunEstimate {
    const entry = this.deps.providers.entry(run.providerId);
    const book = this.deps.priceBook();
    const cached = this.isCached(run);
    const cap = this.requestedOutputCap(run.providerId);
    return estimateRun({
      providerId: run.providerId,
      model: run.model,
      count,
      pricing: { price: book.priceFor(run.model), priceSource: book.priceSource(run.model), local: entry?.provider.local ?? false, unpriced: entry?.provider.unpriced ?? false },
      limits: modelLimitsFor(run.model),
      ...(cap !== undefined && { requestedOutputCap: cap }),
      ...(cached && { cached: true }),
    });
  }

  private providerCounter(providerId: string): ProviderTokenCounter | undefined {
    const entry = this.deps.providers.entry(providerId);
    if (!entry || entry.simulated || !entry.provider.countInputTokens) return undefined;
    const count = entry.provider.countInputTokens.bind(entry.provider);
    const source = entry.label;
    return async (p, signal) => ({ tokens: await count({ model: p.model, prompt: p.prompt, ...(p.systemPrompt !== undefined && { systemPrompt: p.systemPrompt }) }, signal), method: 'provider', source });
  }
}

function parts(run: PlannedRun): PromptParts {
  return { providerId: run.providerId, model: run.model, prompt: run.prompt, ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }), ...(run.segments && { segments: run.segments }) };
}
