// Which providers exist right now, built from settings (and the offline simulator when the run
// script started one). Rebuilt when settings change; tasks look providers up by id at run time.
import type { ChatProvider } from '../../core/domain/chatProvider';
import { findProviderPreset, PROVIDER_PRESETS } from '../../providers/presets/providerPresets';
import type { Settings } from '../config/settings';

export interface ProviderEntry {
  readonly id: string;
  readonly label: string;
  readonly provider: ChatProvider;
  /** Where requests go (a base URL); part of a response-cache key, credentials removed. */
  readonly endpoint: string;
  /** The output cap the client sends when the settings set none (Anthropic requires one). */
  readonly defaultOutputCap?: number;
  readonly defaultModel: string;
  readonly needsKey: boolean;
  readonly simulated: boolean;
}

export type ProviderFactory = (settings: Settings) => readonly ProviderEntry[];

export class ProviderRegistry {
  private entries = new Map<string, ProviderEntry>();
  private defaultId = '';

  constructor(private readonly factory: ProviderFactory) {}

  rebuild(settings: Settings): void {
    const entries = this.factory(settings);
    this.entries = new Map(entries.map((e) => [e.id, e]));
    // The simulator, when present, is the default: the run script started it because no real
    // server answered, and every task on it is labelled as simulated.
    const simulator = entries.find((e) => e.simulated);
    this.defaultId = simulator?.id ?? (this.entries.has(settings.defaultProvider) ? settings.defaultProvider : (entries[0]?.id ?? ''));
  }

  get(providerId: string): ChatProvider | undefined {
    return this.entries.get(providerId)?.provider;
  }

  label(providerId: string): string {
    return this.entries.get(providerId)?.label ?? findProviderPreset(providerId)?.label ?? providerId;
  }

  entry(providerId: string): ProviderEntry | undefined {
    return this.entries.get(providerId);
  }

  isSimulated(providerId: string): boolean {
    return this.entries.get(providerId)?.simulated ?? false;
  }

  defaultSelection(): { providerId: string; model: string } {
    const entry = this.entries.get(this.defaultId);
    return { providerId: this.defaultId, model: entry?.defaultModel ?? '' };
  }

  /** Providers a key can be stored for: every HTTP preset, enabled or not, keyed ones first. */
  keyTargets(): readonly { readonly id: string; readonly label: string; readonly needsKey: boolean }[] {
    return [...PROVIDER_PRESETS].sort((a, b) => Number(b.needsKey) - Number(a.needsKey)).map((p) => ({ id: p.id, label: p.label, needsKey: p.needsKey }));
  }

  all(): readonly ProviderEntry[] {
    return [...this.entries.values()];
  }
}
