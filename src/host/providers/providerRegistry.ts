// Which providers exist right now, built from settings (and the offline simulator when the run
// script started one). Rebuilt when settings change; tasks look providers up by id at run time.
import type { ChatProvider } from '../../core/domain/chatProvider';
import { findProviderPreset, PROVIDER_PRESETS } from '../../providers/presets/providerPresets';
import type { Settings } from '../config/settings';
import { SIMULATOR_PROVIDER_ID } from '../../shared/ids';
import { presetLabel } from './presetLabel';

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

/** The simulator's name, also for tasks that ran on it after a restart without it. */
export const SIMULATOR_LABEL = 'Offline simulator (not a real model)';

/**
 * The provider the offline simulator stands in for: the run script starts it when no server answers
 * at this provider's base URL, so while this is the configured default, new tasks go to the simulator.
 */
export const SIMULATOR_STANDS_IN_FOR = 'openaiCompatible';

/**
 * What the person chose in "Select Model…" this session about the simulator: nothing yet (it stands
 * in for the server that did not answer), the simulator itself, or a real model (it never takes
 * over again this session). A choice always wins over the stand-in rule.
 */
type SimulatorChoice = 'standIn' | 'chosen' | 'off';

export class ProviderRegistry {
  private entries = new Map<string, ProviderEntry>();
  private defaultId = '';
  private configuredDefault: string | undefined;
  private simulatorChoice: SimulatorChoice = 'standIn';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly factory: ProviderFactory) {}

  rebuild(settings: Settings): void {
    const entries = this.factory(settings);
    this.entries = new Map(entries.map((e) => [e.id, e]));
    // The setting itself changed (by hand, or by a workspace): that is a newer choice than picking the simulator.
    if (this.simulatorChoice === 'chosen' && this.configuredDefault !== undefined && settings.defaultProvider !== this.configuredDefault) this.simulatorChoice = 'off';
    this.configuredDefault = settings.defaultProvider;
    this.resolveDefault();
  }

  /**
   * Records a pick from "Select Model…" before its settings are written: picking the simulator makes
   * it the default for this session; picking any real model means the simulator no longer takes over.
   */
  choose(providerId: string): void {
    this.simulatorChoice = this.isSimulated(providerId) ? 'chosen' : 'off';
    this.resolveDefault();
  }

  /** Calls `listener` after every change of the providers or the default. Returns the unsubscribe. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(providerId: string): ChatProvider | undefined {
    return this.entries.get(providerId)?.provider;
  }

  label(providerId: string): string {
    return this.entries.get(providerId)?.label ?? labelOfPreset(providerId) ?? (providerId === SIMULATOR_PROVIDER_ID ? SIMULATOR_LABEL : providerId);
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
    return [...PROVIDER_PRESETS].sort((a, b) => Number(b.needsKey) - Number(a.needsKey)).map((p) => ({ id: p.id, label: presetLabel(p), needsKey: p.needsKey }));
  }

  all(): readonly ProviderEntry[] {
    return [...this.entries.values()];
  }

  private resolveDefault(): void {
    const configured = this.configuredDefault ?? '';
    const simulator = [...this.entries.values()].find((e) => e.simulated);
    const simulatorWins = simulator !== undefined && (this.simulatorChoice === 'chosen' || (this.simulatorChoice === 'standIn' && configured === SIMULATOR_STANDS_IN_FOR));
    if (simulatorWins) this.defaultId = simulator.id;
    else if (this.entries.has(configured)) this.defaultId = configured;
    else {
      // The configured provider is off or unknown: fall back, to a real one once a real one was picked.
      const real = [...this.entries.values()].find((e) => !e.simulated)?.id;
      this.defaultId = (this.simulatorChoice === 'off' ? (real ?? simulator?.id) : (simulator?.id ?? real)) ?? '';
    }
    for (const listener of [...this.listeners]) listener();
  }
}

function labelOfPreset(providerId: string): string | undefined {
  const preset = findProviderPreset(providerId);
  return preset && presetLabel(preset);
}
