// api.openai.com: the compatible client with OpenAI's own choices (developer role,
// max_completion_tokens, which reasoning models require) and a key that must be set.
import { missingKeyMessage } from '../http/missingKeyMessage';
import { OpenAiCompatibleProvider } from './openaiCompatibleProvider';
import { findProviderPreset } from '../presets/providerPresets';

export interface OpenAiProviderOptions {
  readonly getApiKey: () => Promise<string | undefined>;
  /** Defaults to https://api.openai.com/v1 (a proxy or Azure-style gateway may differ). */
  readonly baseUrl?: string;
  /** The setting the base URL came from, named when it is unusable or redirects elsewhere. */
  readonly baseUrlSetting?: string;
}

export function createOpenAiProvider(options: OpenAiProviderOptions): OpenAiCompatibleProvider {
  const preset = findProviderPreset('openai');
  if (!preset) throw new Error('the openai preset is missing from PROVIDER_PRESETS');
  return new OpenAiCompatibleProvider({
    id: preset.id,
    label: preset.label,
    baseUrl: options.baseUrl ?? preset.defaultBaseUrl,
    local: preset.local,
    getApiKey: options.getApiKey,
    tokenParam: preset.tokenParam,
    systemRole: preset.systemRole,
    missingKeyMessage: missingKeyMessage(preset.label),
    ...(options.baseUrlSetting !== undefined && { baseUrlSetting: options.baseUrlSetting }),
  });
}
