import { strict as assert } from 'node:assert';
import { createOpenAiProvider } from '../../../src/providers/openai/openAiProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream, expectStreamError } from './collectStream';
import { words } from '../helpers/phraseWords';
import { ProviderError } from '../../../src/core/domain/chatProvider';

describe('createOpenAiProvider (api.openai.com preset, against the fake)', () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 0, apiKey: 'sk-openai-test' });
  });
  afterEach(() => server.close());

  it('uses the developer role, max_completion_tokens and the Bearer key', async () => {
    const provider = createOpenAiProvider({ baseUrl: server.baseUrl, getApiKey: async () => 'sk-openai-test' });
    assert.equal(provider.id, 'openai');
    assert.equal(provider.local, false);
    const result = await collectStream(provider.streamChat({ model: 'gpt-4.1', prompt: 'Hi', systemPrompt: 'S', maxOutputTokens: 100 }, new AbortController().signal));
    assert.equal(result.error, undefined);
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'developer', content: 'S' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.equal(body.max_completion_tokens, 100);
    assert.equal(body.max_tokens, undefined);
  });

  it('without a key fails with kind auth and names the Set API Key command, sending nothing', async () => {
    const provider = createOpenAiProvider({ baseUrl: server.baseUrl, getApiKey: async () => '  ' });
    const error = await expectStreamError(provider.streamChat({ model: 'gpt-4.1', prompt: 'Hi' }, new AbortController().signal));
    assert.equal(error.details.kind, 'auth');
    assert.equal(words(error.reason), 'No API key is set for OpenAI. Run "AI Tasks: Set API Key…" to add one.');
    await assert.rejects(provider.listModels(new AbortController().signal), (e: unknown) => e instanceof ProviderError && /Set API Key/.test(words(e.reason)));
    assert.equal(server.requests.length, 0);
  });
});
