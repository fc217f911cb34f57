// Builds the provider entries from settings. The API key is read from SecretStorage per request,
// so setting a key while tasks are queued takes effect without a reload.
import type { ChatProvider, ChatRequest } from '../core/chatProvider';
import { SIMULATOR_URL_ENV } from '../extensionApi';
import { OpenAiCompatibleProvider } from '../providers/openaiCompatibleProvider';
import type { ApiKeyStore } from './apiKeyStore';
import type { Logger } from './logger';
import type { ProviderEntry } from './providerRegistry';
import type { Settings } from './settings';

export const SIMULATOR_PROVIDER_ID = 'simulator';
const SIMULATOR_MODEL = 'simulator-echo';

export function createProviderEntries(settings: Settings, keys: ApiKeyStore, env: NodeJS.ProcessEnv, log: Logger): ProviderEntry[] {
  const entries: ProviderEntry[] = [];
  const compatible = settings.provider('openaiCompatible');
  if (compatible.baseUrl) {
    const local = isLocalUrl(compatible.baseUrl);
    const provider = new OpenAiCompatibleProvider({
      id: 'openaiCompatible',
      label: `OpenAI-compatible (${hostOf(compatible.baseUrl)})`,
      baseUrl: compatible.baseUrl,
      local,
      getApiKey: () => keys.get('openaiCompatible'),
      tokenParam: 'max_tokens',
      systemRole: 'system',
    });
    entries.push({
      id: 'openaiCompatible',
      label: provider.label,
      provider: withRequestDefaults(provider, compatible.maxOutputTokens),
      defaultModel: compatible.model,
      needsKey: !local,
      simulated: false,
    });
  }
  const simulatorUrl = env[SIMULATOR_URL_ENV];
  if (simulatorUrl) {
    log.warn(`${SIMULATOR_URL_ENV} is set: using the offline simulator at ${simulatorUrl}`);
    entries.push({
      id: SIMULATOR_PROVIDER_ID,
      label: 'Offline simulator (not a real model)',
      provider: new OpenAiCompatibleProvider({ id: SIMULATOR_PROVIDER_ID, label: 'Offline simulator', baseUrl: simulatorUrl, local: true, getApiKey: async () => undefined }),
      defaultModel: SIMULATOR_MODEL,
      needsKey: false,
      simulated: true,
    });
  }
  return entries;
}

/** Applies settings-level request defaults (such as max output tokens) without the engine knowing. */
function withRequestDefaults(provider: ChatProvider, maxOutputTokens: number | undefined): ChatProvider {
  if (maxOutputTokens === undefined) return provider;
  return {
    id: provider.id,
    label: provider.label,
    local: provider.local,
    streamChat: (request: ChatRequest, signal: AbortSignal) => provider.streamChat({ maxOutputTokens, ...request }, signal),
    listModels: (signal: AbortSignal) => provider.listModels(signal),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Loopback, private-range and .local hosts are the user's own servers: they cost nothing. */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.local') ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}
