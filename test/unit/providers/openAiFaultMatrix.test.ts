// Our client over the same §7 error matrix the contract tests prove against the official SDK.
import { strict as assert } from 'node:assert';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { OPENAI_ERROR_CASES } from '../../fakes/openAiFaultMatrix';
import { expectStreamError } from './collectStream';

describe('OpenAiCompatibleProvider over the OpenAI fault matrix', () => {
  let server: FakeOpenAiServer;
  let provider: OpenAiCompatibleProvider;
  before(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 0 });
    provider = new OpenAiCompatibleProvider({ id: 'openai', label: 'OpenAI', baseUrl: server.baseUrl, local: false, getApiKey: async () => 'sk-matrix' });
  });
  after(() => server.close());

  for (const c of OPENAI_ERROR_CASES) {
    it(`${c.name} → kind http, status ${c.status}, vendor type/code, retry hints`, async () => {
      server.enqueue(c.script);
      const error = await expectStreamError(provider.streamChat({ model: 'm', prompt: 'x' }, new AbortController().signal));
      assert.equal(error.details.kind, 'http');
      assert.equal(error.details.status, c.status);
      assert.equal(error.details.vendorType, c.type);
      assert.equal(error.details.vendorCode, c.code ?? undefined);
      assert.equal(error.details.retryAfterMs, c.retryAfterMs);
      assert.equal(error.details.shouldRetry, c.shouldRetry);
      assert.match(error.details.requestId ?? '', /^req_fake_\d+$/);
    });
  }
});
