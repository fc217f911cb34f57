// The name a person reads for a provider preset. Product names ("OpenAI", "LM Studio") are the same
// in every language; the generic entry is a description, so it is translated here, not in
// src/providers/presets (plain Node, no l10n), whose label stays the clients' English fallback.
import * as l10n from '@vscode/l10n';
import type { ProviderPreset } from '../../providers/presets/providerPresets';

export function presetLabel(preset: Pick<ProviderPreset, 'id' | 'label'>): string {
  return preset.id === 'openaiCompatible' ? l10n.t('OpenAI-compatible server') : preset.label;
}
