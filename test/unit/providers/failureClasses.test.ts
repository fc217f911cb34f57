// A configuration error is not a network error, and a network error is not a server error: what
// each client throws for an unusable base URL, a missing key, a connection reset after the 200,
// and a vendor's own error event, followed through the classifier to the class, its
// retryability and what the circuit breaker makes of it. Real sockets where a server is involved.
import { strict as assert } from 'node:assert';
import type { ProviderError } from '../../../src/core/domain/chatProvider';
import { classifyError } from '../../../src/core/domain/failureClassifier';
import { availabilityOutcome } from '../../../src/core/limits/circuitBreaker';
import { AnthropicProvider } from '../../../src/providers/anthropic/anthropicProvider';
import { OllamaProvider } from '../../../src/providers/ollama/ollamaProvider';
import { createOpenAiProvider } from '../../../src/providers/openai/openAiProvider';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { startFakeOllamaServer } from '../../fakes/fakeOllamaServer';
import { startFakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream } from './collectStream';
import { expectProviderError, KEY, KEYED_CLIENTS, OPERATIONS } from './keyedClients';
import { advice, words } from '../helpers/phraseWords';

const BAD_BASE_URLS = [
  { value: 'not a url', says: 'is not a valid URL' },
  { value: 'file:///etc/passwd', says: 'uses file:, which is not http:// or https://' },
  { value: 'ftp://models.example.com/v1', says: 'uses ftp:, which is not http:// or https://' },
  { value: '   ', says: 'is empty' },
] as const;

function assertClass(error: ProviderError, code: string, retryable: boolean, availability: 'failure' | 'neutral'): void {
  const failure = classifyError(error);
  assert.equal(failure.code, code, `${error.details.kind}: ${words(error.reason)}`);
  assert.equal(failure.retryable, retryable);
  assert.equal(availabilityOutcome(failure), availability);
}

describe('Failure classes: configuration, key, network and vendor errors', () => {
  describe('an unusable base URL fails at once as CONFIG, naming the setting', () => {
    for (const client of KEYED_CLIENTS) {
      for (const operation of OPERATIONS) {
        it(`${client.name} ${operation.name}`, async () => {
          for (const bad of BAD_BASE_URLS) {
            const provider = client.create(bad.value);
            const error = await expectProviderError(operation.run(provider));
            assert.equal(error.details.kind, 'config', `${bad.value}: ${words(error.reason)}`);
            assert.equal(words(error.reason), `The base URL of ${provider.label} ${bad.says}. Set "${client.setting}" to an http:// or https:// address.`);
            assert.equal(error.details.setting, client.setting);
            assertClass(error, 'CONFIG', false, 'neutral');
            assert.equal(advice(classifyError(error)), `Fix "${client.setting}" in the settings (in a remote window: the Settings editor's Remote tab), then retry the task.`);
          }
        });
      }
    }

    it('a user name or password in the base URL is refused without being quoted', async () => {
      const provider = new OpenAiCompatibleProvider({ id: 'vllm', label: 'vLLM', baseUrl: 'http://me:hunter22secret@127.0.0.1:9/v1', local: true, getApiKey: async () => undefined, baseUrlSetting: 'aiTaskQueue.providers.vllm.baseUrl' });
      const error = await expectProviderError(OPERATIONS[0]!.run(provider));
      assert.equal(words(error.reason), 'The base URL of vLLM contains a user name or password, which are never sent. Remove them from "aiTaskQueue.providers.vllm.baseUrl"; a key belongs in "AI Tasks: Set API Key…".');
      assertClass(error, 'CONFIG', false, 'neutral');
    });

    it('without a setting name the message still says what to fix', async () => {
      const error = await expectProviderError(OPERATIONS[1]!.run(new OllamaProvider({ baseUrl: 'localhost:11434' })));
      assert.equal(words(error.reason), 'The base URL of Ollama uses localhost:, which is not http:// or https://. Set the base URL to an http:// or https:// address.');
      assert.equal(advice(classifyError(error)), 'Fix the provider\'s base URL in the settings, then retry the task.');
    });
  });

  describe('a missing or unusable key stays AUTH', () => {
    it('OpenAI and Anthropic without a key: AUTH, not retried, not counted by the breaker', async () => {
      for (const provider of [createOpenAiProvider({ getApiKey: async () => undefined }), new AnthropicProvider({ getApiKey: async () => '' })]) {
        const error = await expectProviderError(OPERATIONS[0]!.run(provider));
        assert.equal(error.details.kind, 'auth');
        assert.match(words(error.reason), /Run "AI Tasks: Set API Key…"/);
        assertClass(error, 'AUTH', false, 'neutral');
        assert.match(advice(classifyError(error)), /Set API Key/);
      }
    });

    it('a key that cannot travel in a header is AUTH', async () => {
      const server = await startFakeOpenAiServer({ chunkDelayMs: 0 });
      try {
        const provider = new OpenAiCompatibleProvider({ id: 'x', label: 'X', baseUrl: server.baseUrl, local: true, getApiKey: async () => 'sk-line\nbreak-0123456789' });
        const error = await expectProviderError(OPERATIONS[1]!.run(provider));
        assertClass(error, 'AUTH', false, 'neutral');
        assert.equal(server.requests.length, 0);
      } finally {
        await server.close();
      }
    });
  });

  describe('a connection lost after the 200 is NETWORK (retryable, an availability failure)', () => {
    it('OpenAI-compatible SSE', async () => {
      const server = await startFakeOpenAiServer({ chunkDelayMs: 1 });
      try {
        server.enqueue({ kind: 'reply', truncate: { afterChunks: 2 }, truncateBy: 'destroy' });
        const provider = new OpenAiCompatibleProvider({ id: 'x', label: 'X', baseUrl: server.baseUrl, local: true, getApiKey: async () => KEY });
        const result = await collectStream(provider.streamChat({ model: 'm', prompt: 'Tell me a story' }, new AbortController().signal));
        assert.equal(result.text, 'Simulated reply ', 'the text before the cut still arrived');
        assert.ok(result.error);
        assert.match(words(result.error.reason), /^The connection to http:\/\/127\.0\.0\.1:\d+\/v1 was lost before the response finished/);
        assertClass(result.error, 'NETWORK', true, 'failure');
      } finally {
        await server.close();
      }
    });

    it('Anthropic SSE', async () => {
      const server = await startFakeAnthropicServer({ chunkDelayMs: 1, apiKey: KEY });
      try {
        server.enqueue({ kind: 'reply', truncate: { afterChunks: 1 }, truncateBy: 'destroy' });
        const provider = new AnthropicProvider({ baseUrl: server.baseUrl, getApiKey: async () => KEY });
        const result = await collectStream(provider.streamChat({ model: 'fake-claude', prompt: 'Tell me a story' }, new AbortController().signal));
        assert.ok(result.error);
        assertClass(result.error, 'NETWORK', true, 'failure');
      } finally {
        await server.close();
      }
    });

    it('Ollama NDJSON', async () => {
      const server = await startFakeOllamaServer({ chunkDelayMs: 1 });
      try {
        server.enqueue({ kind: 'reply', truncateAfterChunks: 2, truncateBy: 'destroy' });
        const result = await collectStream(new OllamaProvider({ baseUrl: server.baseUrl }).streamChat({ model: 'llama3.2', prompt: 'Tell me a story' }, new AbortController().signal));
        assert.ok(result.error);
        assertClass(result.error, 'NETWORK', true, 'failure');
      } finally {
        await server.close();
      }
    });

    it('but a vendor error event inside the stream keeps its own class', async () => {
      const openai = await startFakeOpenAiServer({ chunkDelayMs: 1 });
      const anthropic = await startFakeAnthropicServer({ chunkDelayMs: 1, apiKey: KEY });
      try {
        openai.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 1, error: { message: 'The server had an error.', type: 'server_error', code: null } } });
        anthropic.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 1 } });
        const fromOpenAi = await collectStream(new OpenAiCompatibleProvider({ id: 'x', label: 'X', baseUrl: openai.baseUrl, local: true, getApiKey: async () => KEY }).streamChat({ model: 'm', prompt: 'p' }, new AbortController().signal));
        const fromAnthropic = await collectStream(new AnthropicProvider({ baseUrl: anthropic.baseUrl, getApiKey: async () => KEY }).streamChat({ model: 'fake-claude', prompt: 'p' }, new AbortController().signal));
        assert.ok(fromOpenAi.error && fromAnthropic.error);
        assertClass(fromOpenAi.error, 'SERVER_ERROR', true, 'failure');
        assertClass(fromAnthropic.error, 'OVERLOADED', true, 'failure');
      } finally {
        await Promise.all([openai.close(), anthropic.close()]);
      }
    });
  });
});
