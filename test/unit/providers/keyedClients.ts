// Every HTTP client the extension builds, each with a key set, described once for the tests that
// must hold for all of them (redirects, base URL checks): how to build it on a base URL, which
// header carries its key, which vendor fake answers it, and its two operations.
import { ProviderError, type ChatProvider } from '../../../src/core/domain/chatProvider';
import { AnthropicProvider } from '../../../src/providers/anthropic/anthropicProvider';
import { OllamaProvider } from '../../../src/providers/ollama/ollamaProvider';
import { createOpenAiProvider } from '../../../src/providers/openai/openAiProvider';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import type { FakeHttpServer } from '../../fakes/fakeHttpServer';
import { startFakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { startFakeOllamaServer } from '../../fakes/fakeOllamaServer';
import { startFakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream } from './collectStream';

export const KEY = 'sk-test-SECRET-redirect-0123456789';

export interface KeyedClient {
  readonly name: string;
  /** The setting the client is told its base URL came from. */
  readonly setting: string;
  /** Lower-cased, as the fakes record headers. */
  readonly keyHeader: 'authorization' | 'x-api-key';
  /** The header's value when it carries KEY. */
  readonly keyValue: string;
  /** What follows the origin in this client's base URL ("/v1" for OpenAI-compatible servers). */
  readonly basePath: string;
  /** A vendor fake that would answer this client (accepting KEY where it checks keys). */
  startFake(): Promise<FakeHttpServer>;
  create(baseUrl: string): ChatProvider;
}

const getApiKey = async (): Promise<string> => KEY;

export const KEYED_CLIENTS: readonly KeyedClient[] = [
  {
    name: 'OpenAiCompatibleProvider',
    setting: 'aiTaskQueue.providers.openaiCompatible.baseUrl',
    keyHeader: 'authorization',
    keyValue: `Bearer ${KEY}`,
    basePath: '/v1',
    startFake: () => startFakeOpenAiServer({ chunkDelayMs: 0, apiKey: KEY }),
    create: (baseUrl) => new OpenAiCompatibleProvider({ id: 'openaiCompatible', label: 'OpenAI-compatible server', baseUrl, local: false, getApiKey, baseUrlSetting: 'aiTaskQueue.providers.openaiCompatible.baseUrl' }),
  },
  {
    name: 'createOpenAiProvider (the openai preset)',
    setting: 'aiTaskQueue.providers.openai.baseUrl',
    keyHeader: 'authorization',
    keyValue: `Bearer ${KEY}`,
    basePath: '/v1',
    startFake: () => startFakeOpenAiServer({ chunkDelayMs: 0, apiKey: KEY }),
    create: (baseUrl) => createOpenAiProvider({ baseUrl, getApiKey, baseUrlSetting: 'aiTaskQueue.providers.openai.baseUrl' }),
  },
  {
    name: 'AnthropicProvider',
    setting: 'aiTaskQueue.providers.anthropic.baseUrl',
    keyHeader: 'x-api-key',
    keyValue: KEY,
    basePath: '',
    startFake: () => startFakeAnthropicServer({ chunkDelayMs: 0, apiKey: KEY }),
    create: (baseUrl) => new AnthropicProvider({ baseUrl, getApiKey, baseUrlSetting: 'aiTaskQueue.providers.anthropic.baseUrl' }),
  },
  {
    name: 'OllamaProvider (native API, with a key for an authenticating proxy)',
    setting: 'aiTaskQueue.providers.ollama.baseUrl',
    keyHeader: 'authorization',
    keyValue: `Bearer ${KEY}`,
    basePath: '',
    startFake: () => startFakeOllamaServer({ chunkDelayMs: 0 }),
    create: (baseUrl) => new OllamaProvider({ baseUrl, getApiKey, baseUrlSetting: 'aiTaskQueue.providers.ollama.baseUrl' }),
  },
];

export interface ClientOperation {
  readonly name: 'streamChat' | 'listModels';
  /** Resolves with what the operation produced, or rejects with its ProviderError. */
  run(provider: ChatProvider): Promise<string>;
}

export const OPERATIONS: readonly ClientOperation[] = [
  {
    name: 'streamChat',
    async run(provider) {
      const result = await collectStream(provider.streamChat({ model: 'fake-model', prompt: 'Where did my key go?' }, new AbortController().signal));
      if (result.error) throw result.error;
      return result.text;
    },
  },
  {
    name: 'listModels',
    async run(provider) {
      const models = await provider.listModels(new AbortController().signal);
      return models.map((m) => m.id).join(',');
    },
  },
];

/** The ProviderError an operation failed with; fails the test when it succeeded or threw something else. */
export async function expectProviderError(work: Promise<unknown>): Promise<ProviderError> {
  const outcome = await work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a ProviderError, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof ProviderError)) throw outcome.error;
  return outcome.error;
}
