import { strict as assert } from 'node:assert';
import net from 'node:net';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import { OpenAiCompatibleProvider, type OpenAiCompatibleOptions } from '../../../src/providers/openai/openaiCompatibleProvider';
import { INSUFFICIENT_QUOTA } from '../../fakes/openAiErrorBodies';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { collectStream, expectStreamError } from './collectStream';
import { words } from '../helpers/phraseWords';
import { verbatim } from '../../../src/core/domain/phrase';

const KEY = 'sk-test-SECRET-0123456789abcdef';

function providerFor(baseUrl: string, extra: Partial<OpenAiCompatibleOptions> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({ id: 'test', label: 'Test server', baseUrl, local: false, getApiKey: async () => KEY, ...extra });
}

const run = (provider: OpenAiCompatibleProvider): AsyncIterable<import('../../../src/core/domain/chatProvider').StreamPart> =>
  provider.streamChat({ model: 'm', prompt: 'Tell me a story' }, new AbortController().signal);

/** Finds a port nothing listens on by binding and releasing one. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('OpenAiCompatibleProvider errors (fake server, real sockets)', () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ chunkDelayMs: 1 });
  });
  afterEach(() => server.close());

  it('429 with retry-after in seconds → http error with status, vendor type/code, delay, request id', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.kind, 'http');
    assert.equal(error.details.status, 429);
    assert.equal(error.details.vendorType, 'tokens');
    assert.equal(error.details.vendorCode, 'rate_limit_exceeded');
    assert.equal(error.details.retryAfterMs, 7000);
    assert.equal(error.details.requestId, 'req_fake_0');
    assert.match(words(error.reason), /^HTTP 429 from Test server: Rate limit reached/);
  });

  it('429 with retry-after as an HTTP date', async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': when } });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    const ms = error.details.retryAfterMs ?? -1;
    // HTTP dates have 1 s resolution.
    assert.ok(ms > 28_000 && ms <= 30_000, `retryAfterMs=${ms}`);
  });

  it('retry-after-ms (float ms) wins over retry-after', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '1500.5', 'retry-after': '9' } });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.retryAfterMs, 1500.5);
  });

  it('429 insufficient_quota keeps its vendor code so it is not retried', async () => {
    server.enqueue({ kind: 'error', status: 429, error: INSUFFICIENT_QUOTA });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.vendorCode, 'insufficient_quota');
    assert.equal(error.details.vendorType, 'insufficient_quota');
    assert.equal(error.details.retryAfterMs, undefined);
  });

  it('500 → http error of kind http with status 500, and x-should-retry is reported both ways', async () => {
    server.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500, headers: { 'x-should-retry': 'false' } }, { kind: 'error', status: 400, headers: { 'x-should-retry': 'true' } });
    const plain = await expectStreamError(run(providerFor(server.baseUrl)));
    const noRetry = await expectStreamError(run(providerFor(server.baseUrl)));
    const retry = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(plain.details.status, 500);
    assert.equal(plain.details.vendorType, 'server_error');
    assert.equal(plain.details.shouldRetry, undefined);
    assert.equal(noRetry.details.shouldRetry, false);
    assert.equal(retry.details.shouldRetry, true);
  });

  for (const status of [400, 401, 403, 404, 408, 409, 422, 503]) {
    it(`HTTP ${status} → kind http with the vendor message`, async () => {
      server.enqueue({ kind: 'error', status });
      const error = await expectStreamError(run(providerFor(server.baseUrl)));
      assert.equal(error.details.kind, 'http');
      assert.equal(error.details.status, status);
      assert.ok(error.details.vendorType);
      assert.match(words(error.reason), new RegExp(`^HTTP ${status} from Test server: .+`));
    });
  }

  it('reports rate-limit headers that came with an error response', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '2m59.56s' } });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.deepEqual(error.details.rateLimits, { remainingTokens: 0, resetTokensMs: 179_560 });
  });

  it('parses old-vLLM flat bodies and Ollama string bodies, and falls back to the status text', async () => {
    server.enqueue(
      { kind: 'raw', status: 400, headers: { 'content-type': 'application/json' }, body: ['{"object":"error","message":"max_tokens is too large","type":"BadRequestError","code":400}'] },
      { kind: 'raw', status: 404, headers: { 'content-type': 'application/json' }, body: ['{"error":"model \\"llama9\\" not found, try pulling it first"}'] },
      { kind: 'raw', status: 502, headers: { 'content-type': 'text/html' }, body: ['<html><body>Bad gateway</body></html>'] },
    );
    const vllm = await expectStreamError(run(providerFor(server.baseUrl)));
    const ollama = await expectStreamError(run(providerFor(server.baseUrl)));
    const proxy = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(words(vllm.reason), 'HTTP 400 from Test server: max_tokens is too large');
    assert.equal(vllm.details.vendorType, 'BadRequestError');
    assert.equal(vllm.details.vendorCode, '400');
    assert.equal(words(ollama.reason), 'HTTP 404 from Test server: model "llama9" not found, try pulling it first');
    assert.equal(words(proxy.reason), 'HTTP 502 from Test server: Bad Gateway');
  });

  it('a mid-stream {"error": …} chunk → kind stream with vendor type, after the text so far', async () => {
    server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 2, error: { message: 'The server had an error while processing your request.', type: 'server_error', code: 'internal' } } });
    const result = await collectStream(run(providerFor(server.baseUrl)));
    assert.equal(result.error?.details.kind, 'stream');
    assert.equal(result.error?.details.vendorType, 'server_error');
    assert.equal(result.error?.details.vendorCode, 'internal');
    assert.match(words(result.error?.reason), /mid-stream: The server had an error/);
    assert.equal(result.text, 'Simulated reply ');
  });

  it('an SSE `event: error` is an error too', async () => {
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: ['event: error\ndata: {"message":"boom","type":"api_error"}\n\n'] });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.kind, 'stream');
    assert.equal(words(error.reason), 'Test server reported an error mid-stream: boom');
  });

  it('a stream that ends cleanly before [DONE] → kind stream, keeping text and the usage that arrived', async () => {
    server.enqueue({ kind: 'reply', truncate: 'beforeDone' });
    const result = await collectStream(run(providerFor(server.baseUrl)));
    assert.equal(result.error?.details.kind, 'stream');
    assert.match(words(result.error?.reason), /ended before it was complete/);
    assert.equal(result.text, 'Simulated reply to: Tell me a story');
    assert.ok(result.usage, 'usage sent before the cut is still reported');
    assert.equal(result.finish, undefined);
  });

  it('a stream cut before the usage chunk → kind stream and no usage', async () => {
    server.enqueue({ kind: 'reply', truncate: 'beforeUsage' });
    const result = await collectStream(run(providerFor(server.baseUrl)));
    assert.equal(result.error?.details.kind, 'stream');
    assert.equal(result.usage, undefined);
  });

  it('a socket destroyed mid-stream → kind network naming the lost connection', async () => {
    server.enqueue({ kind: 'reply', truncate: { afterChunks: 2 }, truncateBy: 'destroy' });
    const result = await collectStream(run(providerFor(server.baseUrl)));
    assert.equal(result.error?.details.kind, 'network');
    assert.match(words(result.error?.reason), /connection to http:\/\/127\.0\.0\.1:\d+\/v1 was lost/);
    assert.equal(result.text, 'Simulated reply ');
  });

  it('bad JSON in a chunk → kind protocol', async () => {
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: ['data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\n', 'data: {"choices":[{"ind\n\n', 'data: [DONE]\n\n'] });
    const result = await collectStream(run(providerFor(server.baseUrl)));
    assert.equal(result.error?.details.kind, 'protocol');
    assert.equal(result.text, 'ok');
  });

  it('a web page instead of a stream → kind protocol', async () => {
    server.enqueue({ kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: ['<html>login</html>'] });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.kind, 'protocol');
  });

  it('a server that hangs up before answering → kind network', async () => {
    server.enqueue({ kind: 'hangUp' });
    const error = await expectStreamError(run(providerFor(server.baseUrl)));
    assert.equal(error.details.kind, 'network');
    assert.match(words(error.reason), /closed before a response arrived/);
  });

  it('connection refused → kind network naming the base URL', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await expectStreamError(run(providerFor(baseUrl)));
    assert.equal(error.details.kind, 'network');
    assert.equal(words(error.reason), `Could not connect to ${baseUrl} — is the server running?`);
    const listError = await providerFor(baseUrl).listModels(new AbortController().signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(listError instanceof ProviderError && listError.details.kind === 'network');
  });

  it('a failing key store → kind auth', async () => {
    const provider = providerFor(server.baseUrl, {
      getApiKey: () => Promise.reject(new Error(`store exploded holding ${KEY}`)),
    });
    const error = await expectStreamError(run(provider));
    assert.equal(error.details.kind, 'auth');
    assert.equal(words(error.reason).includes(KEY), false);
  });

  it('a missing required key → kind auth before any request', async () => {
    const provider = providerFor(server.baseUrl, { getApiKey: async () => undefined, missingKeyMessage: verbatim('No key. Run "AI Tasks: Set API Key…".') });
    const error = await expectStreamError(run(provider));
    assert.equal(error.details.kind, 'auth');
    assert.equal(server.requests.length, 0);
  });

  describe('never leaks the key', () => {
    it('redacts a key that a server echoes in its 401 body', async () => {
      const strict = await startFakeOpenAiServer({ apiKey: 'sk-the-right-key-000000' });
      try {
        const error = await expectStreamError(run(providerFor(strict.baseUrl)));
        assert.equal(error.details.status, 401);
        assert.equal(strict.requests[0]?.headers.authorization, `Bearer ${KEY}`);
        assertNoKey(error);
        assert.match(words(error.reason), /Incorrect API key provided: \[redacted\]/);
      } finally {
        await strict.close();
      }
    });

    it('redacts a key echoed in a mid-stream error and in a models-list error', async () => {
      server.enqueue({ kind: 'reply', errorAfterChunks: { chunks: 0, error: { message: `bad key ${KEY}`, type: 'auth', code: null } } });
      assertNoKey(await expectStreamError(run(providerFor(server.baseUrl))));
      const strict = await startFakeOpenAiServer({ apiKey: 'sk-the-right-key-000000' });
      try {
        const error = await providerFor(strict.baseUrl).listModels(new AbortController().signal).then(
          () => assert.fail('expected a 401'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof ProviderError);
        assertNoKey(error);
      } finally {
        await strict.close();
      }
    });

    it('redacts a key that fetch itself quotes (invalid header value)', async () => {
      const badKey = 'sk-has\u0000nul-0123456789';
      const error = await expectStreamError(run(providerFor(server.baseUrl, { getApiKey: async () => badKey })));
      assert.equal(error.details.kind, 'auth');
      assert.equal(words(error.reason).includes('0123456789'), false, words(error.reason));
      assert.equal(server.requests.length, 0);
    });

    it('drops credentials embedded in the base URL from messages', async () => {
      const error = await expectStreamError(run(providerFor(`http://user:hunter22secret@127.0.0.1:${server.port}/v1`)));
      assert.equal(error.details.kind, 'config');
      assert.equal(words(error.reason).includes('hunter22secret'), false, words(error.reason));
      assert.equal(server.requests.length, 0);
    });

    function assertNoKey(error: ProviderError): void {
      const everything = `${words(error.reason)} ${error.stack ?? ''} ${JSON.stringify(error.details)} ${String(error)}`;
      assert.equal(everything.includes(KEY), false, everything);
      assert.equal(everything.includes('SECRET-0123'), false);
    }
  });
});
