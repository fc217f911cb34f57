// Builds the provider entries from settings and the preset table. The API key is read from
// SecretStorage per request, so a key set while tasks are queued takes effect without a reload.
import type * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { ChatProvider, ChatRequest } from '../../core/domain/chatProvider';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, AnthropicProvider } from '../../providers/anthropic/anthropicProvider';
import { OllamaProvider } from '../../providers/ollama/ollamaProvider';
import { OpenAiCompatibleProvider } from '../../providers/openai/openaiCompatibleProvider';
import { createOpenAiProvider } from '../../providers/openai/openAiProvider';
import { isLocalUrl } from '../../providers/http/localUrl';
import { PROVIDER_PRESETS, type ProviderPreset } from '../../providers/presets/providerPresets';
import { SETTINGS_SECTION, SIMULATOR_PROVIDER_ID, SIMULATOR_URL_ENV } from '../../shared/ids';
import { VSCODE_LM_PROVIDER_ID, VscodeLmProvider } from './vscodeLmProvider';
import type { ApiKeyStore } from '../secrets/apiKeyStore';
import type { Logger } from '../logging/logger';
import { SIMULATOR_LABEL, type ProviderEntry } from './providerRegistry';
import type { Settings } from '../config/settings';
import { presetLabel } from './presetLabel';

const SIMULATOR_MODEL = 'simulator-echo';

export interface ProviderFactoryDeps {
  readonly keys: ApiKeyStore;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly lmAccess?: vscode.LanguageModelAccessInformation;
}

export function createProviderEntries(settings: Settings, deps: ProviderFactoryDeps): ProviderEntry[] {
  const entries: ProviderEntry[] = [];
  for (const preset of PROVIDER_PRESETS) {
    const config = settings.provider(preset.id);
    if (!config.enabled) continue;
    const baseUrl = config.baseUrl || preset.defaultBaseUrl;
    const local = preset.local || isLocalUrl(baseUrl);
    const provider = createHttpProvider(preset, baseUrl, local, deps);
    entries.push({
      id: preset.id,
      label: preset.id === 'openaiCompatible' ? `${presetLabel(preset)} (${hostOf(baseUrl)})` : preset.label,
      provider: withRequestDefaults(provider, settings.maxOutputTokens),
      endpoint: baseUrl,
      ...(preset.kind === 'anthropic' && { defaultOutputCap: ANTHROPIC_DEFAULT_MAX_TOKENS }),
      defaultModel: config.model || preset.defaultModel,
      needsKey: preset.needsKey || !local,
      simulated: false,
    });
  }
  if (settings.provider(VSCODE_LM_PROVIDER_ID).enabled) {
    entries.push({
      id: VSCODE_LM_PROVIDER_ID,
      label: l10n.t('VS Code Language Models'),
      provider: new VscodeLmProvider(deps.lmAccess),
      endpoint: 'vscode-lm:',
      defaultModel: settings.provider(VSCODE_LM_PROVIDER_ID).model,
      needsKey: false,
      simulated: false,
    });
  }
  const simulatorUrl = deps.env[SIMULATOR_URL_ENV];
  if (simulatorUrl) {
    deps.log.warn(`${SIMULATOR_URL_ENV} is set: using the offline simulator at ${simulatorUrl}`);
    entries.push({
      id: SIMULATOR_PROVIDER_ID,
      label: SIMULATOR_LABEL,
      provider: asSimulated(new OpenAiCompatibleProvider({ id: SIMULATOR_PROVIDER_ID, label: 'Offline simulator', baseUrl: simulatorUrl, local: true, getApiKey: async () => undefined })),
      endpoint: simulatorUrl,
      defaultModel: SIMULATOR_MODEL,
      needsKey: false,
      simulated: true,
    });
  }
  return entries;
}

function createHttpProvider(preset: ProviderPreset, baseUrl: string, local: boolean, deps: ProviderFactoryDeps): ChatProvider {
  const getApiKey = (): Promise<string | undefined> => deps.keys.get(preset.id);
  // Named in the message when the base URL is unusable or redirects to another origin.
  const baseUrlSetting = `${SETTINGS_SECTION}.providers.${preset.id}.baseUrl`;
  switch (preset.id) {
    case 'openai':
      return createOpenAiProvider({ baseUrl, getApiKey, baseUrlSetting });
    case 'anthropic':
      return new AnthropicProvider({ id: preset.id, label: preset.label, baseUrl, getApiKey, baseUrlSetting });
    case 'ollama':
      return new OllamaProvider({ id: preset.id, label: preset.label, baseUrl, getApiKey, baseUrlSetting });
    default:
      return new OpenAiCompatibleProvider({
        id: preset.id,
        label: presetLabel(preset),
        baseUrl,
        local,
        getApiKey,
        tokenParam: preset.tokenParam,
        systemRole: preset.systemRole,
        baseUrlSetting,
      });
  }
}

/** Applies settings-level request defaults (such as max output tokens) without the engine knowing. */
function withRequestDefaults(provider: ChatProvider, maxOutputTokens: number | undefined): ChatProvider {
  if (maxOutputTokens === undefined) return provider;
  return {
    id: provider.id,
    label: provider.label,
    local: provider.local,
    ...(provider.unpriced && { unpriced: true }),
    streamChat: (request: ChatRequest, signal: AbortSignal) => provider.streamChat({ maxOutputTokens, ...request }, signal),
    listModels: (signal: AbortSignal) => provider.listModels(signal),
    ...(provider.countInputTokens && { countInputTokens: (request: ChatRequest, signal: AbortSignal) => provider.countInputTokens!(request, signal) }),
  };
}

/** Marks the simulator's client, so the engine stores the mark with every task submitted to it. */
function asSimulated(provider: ChatProvider): ChatProvider {
  return {
    id: provider.id,
    label: provider.label,
    local: provider.local,
    simulated: true,
    streamChat: (request: ChatRequest, signal: AbortSignal) => provider.streamChat(request, signal),
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
