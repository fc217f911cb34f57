// Lists the live models of every enabled provider at once, each with a short timeout, so one
// unreachable server never blocks the picker. Results are cached briefly and dropped when VS Code
// says its language models changed or settings change.
import * as l10n from '@vscode/l10n';
import { classifyError } from '../../core/domain/failureClassifier';
import type { ModelInfo } from '../../core/domain/chatProvider';
import type { ProviderEntry, ProviderRegistry } from './providerRegistry';
import { phraseText } from '../../views/format/phraseText';

export interface ProviderModels {
  readonly entry: ProviderEntry;
  readonly models: readonly ModelInfo[];
  /** Why the list is empty: unreachable, missing key, … (never contains a key). */
  readonly problem?: string;
  readonly needsKey?: boolean;
  /** The provider did not answer (network or time-out), as opposed to answering with no models. */
  readonly unreachable?: boolean;
}

const LIST_TIMEOUT_MS = 5_000;
const CACHE_MS = 60_000;

export class ModelCatalog {
  private cache: { at: number; result: Promise<readonly ProviderModels[]> } | undefined;

  constructor(private readonly registry: ProviderRegistry) {}

  invalidate(): void {
    this.cache = undefined;
  }

  list(): Promise<readonly ProviderModels[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.result;
    const result = Promise.all(this.registry.all().map((entry) => listOne(entry)));
    this.cache = { at: Date.now(), result };
    return result;
  }
}

/** One provider's live models, or why there are none (unreachable, missing key, …). */
export async function listOne(entry: ProviderEntry): Promise<ProviderModels> {
  try {
    const models = await entry.provider.listModels(AbortSignal.timeout(LIST_TIMEOUT_MS));
    return models.length > 0 ? { entry, models } : { entry, models, problem: l10n.t('no models available') };
  } catch (error) {
    const failure = classifyError(error);
    const needsKey = failure.code === 'AUTH';
    const unreachable = failure.code === 'NETWORK' || failure.code === 'CANCELLED';
    const reason = phraseText(failure.reason);
    const problem = needsKey ? l10n.t('needs an API key — run "Set API Key…"') : unreachable ? l10n.t('unreachable: {0}', reason) : reason;
    return { entry, models: [], problem, needsKey, ...(unreachable && { unreachable }) };
  }
}
