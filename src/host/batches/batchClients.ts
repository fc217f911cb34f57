// The batch API clients of the providers that have one (OpenAI, Anthropic), built from the same
// settings and SecretStorage keys as their chat clients: the same base URL (so a proxy or gateway
// set for chat is used for batches too) and the key read per request. A provider that is not
// enabled has no batch client, and a job waiting for it says so until it is enabled again.
import type { BatchApiLookup } from '../../core/batches/batchPorts';
import type { ProviderBatchApi } from '../../core/domain/providerBatchApi';
import { AnthropicBatchClient } from '../../providers/anthropic/anthropicBatchClient';
import { OpenAiBatchClient } from '../../providers/openai/openAiBatchClient';
import { findProviderPreset } from '../../providers/presets/providerPresets';
import { SETTINGS_SECTION } from '../../shared/ids';
import type { Settings } from '../config/settings';
import type { ApiKeyStore } from '../secrets/apiKeyStore';

/** Providers whose own batch API can run a provider batch. */
export const BATCH_PROVIDER_IDS: readonly string[] = ['openai', 'anthropic'];

export function batchClientLookup(settings: () => Settings, keys: Pick<ApiKeyStore, 'get'>): BatchApiLookup {
  // Clients hold no state: one per provider and base URL, rebuilt when the setting changes.
  const cache = new Map<string, ProviderBatchApi>();
  return (providerId) => {
    const preset = findProviderPreset(providerId);
    const config = settings().provider(providerId);
    if (!preset || !BATCH_PROVIDER_IDS.includes(providerId) || !config.enabled) return undefined;
    const baseUrl = config.baseUrl || preset.defaultBaseUrl;
    const cacheKey = `${providerId}\u0000${baseUrl}`;
    let client = cache.get(cacheKey);
    if (!client) {
      const options = { id: preset.id, label: preset.label, baseUrl, getApiKey: () => keys.get(providerId), baseUrlSetting: `${SETTINGS_SECTION}.providers.${providerId}.baseUrl` };
      client = providerId === 'openai' ? new OpenAiBatchClient(options) : new AnthropicBatchClient(options);
      cache.set(cacheKey, client);
    }
    return client;
  };
}
