// A key never leaves its origin: every client, for both of its operations and every redirect
// status, refuses a redirect to another origin (a second server on another port) before anything
// reaches it, and says which two origins were involved. Same-origin redirects are followed within
// limits (src/providers/http/redirectPolicy.ts). Real sockets throughout.
import { strict as assert } from 'node:assert';
import { availabilityOutcome } from '../../../src/core/limits/circuitBreaker';
import { classifyError } from '../../../src/core/domain/failureClassifier';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import type { FakeHttpServer } from '../../fakes/fakeHttpServer';
import { redirectEverythingTo, startRedirectServer, type RedirectRoute } from '../../fakes/redirectServer';
import { expectProviderError, KEY, KEYED_CLIENTS, OPERATIONS } from './keyedClients';
import { advice, words } from '../helpers/phraseWords';

const CROSS_ORIGIN_STATUSES = [301, 302, 303, 307, 308] as const;

describe('Redirects: a key never leaves its origin (every client, real sockets)', () => {
  const servers: FakeHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const track = <T extends FakeHttpServer>(server: T): T => {
    servers.push(server);
    return server;
  };

  for (const client of KEYED_CLIENTS) {
    describe(client.name, () => {
      for (const operation of OPERATIONS) {
        for (const status of CROSS_ORIGIN_STATUSES) {
          it(`${operation.name}: a ${status} to another origin is not followed; the other origin gets nothing and both are named`, async () => {
            const other = track(await client.startFake());
            const configured = track(await startRedirectServer(redirectEverythingTo(other.origin, status)));
            const provider = client.create(`${configured.origin}${client.basePath}`);
            const error = await expectProviderError(operation.run(provider));

            assert.equal(other.requests.length, 0, `the other origin received ${JSON.stringify(other.requests.map((r) => ({ path: r.path, key: r.headers[client.keyHeader] })))}`);
            assert.equal(configured.requests.length, 1);
            assert.equal(configured.requests[0]?.headers[client.keyHeader], client.keyValue, 'the key was sent to the configured origin');
            assert.equal(words(error.reason), `${provider.label} redirected the request to ${other.origin} — not followed, so your key stays with ${configured.origin}. If the server has moved, set "${client.setting}" to the new address.`);
            assert.equal(words(error.reason).includes(KEY), false);
            assert.equal(error.details.kind, 'config');
            const failure = classifyError(error);
            assert.equal(failure.code, 'CONFIG');
            assert.equal(failure.retryable, false);
            assert.match(advice(failure), new RegExp(`"${client.setting.replace(/\./g, '\\.')}"`));
            assert.equal(availabilityOutcome(failure), 'neutral', 'a refused redirect says nothing about the provider being down');
          });
        }

        it(`${operation.name}: a same-origin 308 is followed to the real reply, key and all`, async () => {
          const vendor = track(await client.startFake());
          const front = track(await startRedirectServer(movedUnder('/old'), vendor.origin));
          const result = await operation.run(client.create(`${front.origin}/old${client.basePath}`));

          assert.ok(result.length > 0, 'the operation produced nothing');
          assert.equal(front.requests.length, 2, 'one redirect, then the request at the new path');
          assert.equal(vendor.requests.length, 1);
          assert.equal(vendor.requests[0]?.headers[client.keyHeader], client.keyValue);
          assert.equal(vendor.requests[0]?.method, operation.name === 'streamChat' ? 'POST' : 'GET');
        });
      }
    });
  }

  describe('same-origin rules (OpenAI-compatible client)', () => {
    const client = KEYED_CLIENTS[0]!;
    const [chat, list] = OPERATIONS as [(typeof OPERATIONS)[number], (typeof OPERATIONS)[number]];

    for (const status of [301, 302, 307, 308]) {
      it(`a ${status} keeps the method, body and headers of a POST (an API answers a GET here with a 400)`, async () => {
        const vendor = track(await client.startFake());
        const front = track(await startRedirectServer(movedUnder('/old', status), vendor.origin));
        const text = await chat.run(client.create(`${front.origin}/old/v1`));

        assert.match(text, /^Simulated reply to: Where did my key go\?/);
        const [first, second] = front.requests;
        assert.equal(second?.method, 'POST');
        assert.equal(second?.path, '/v1/chat/completions');
        assert.equal(second?.rawBody, first?.rawBody);
        assert.equal(second?.headers.authorization, `Bearer ${KEY}`);
        assert.equal(second?.headers['content-type'], 'application/json');
      });
    }

    it('a 303 is refused for a POST (it would become a GET) and followed for a GET', async () => {
      const vendor = track(await client.startFake());
      const front = track(await startRedirectServer(movedUnder('/old', 303), vendor.origin));
      const error = await expectProviderError(chat.run(client.create(`${front.origin}/old/v1`)));
      assert.equal(error.details.kind, 'config');
      assert.match(words(error.reason), /^OpenAI-compatible server answered with 303 See Other, which would turn the request into a GET and lose it — not followed\. Check that "aiTaskQueue\.providers\.openaiCompatible\.baseUrl" points at the API itself\.$/);
      assert.equal(vendor.requests.length, 0);

      assert.equal(await list.run(client.create(`${front.origin}/old/v1`)), 'fake-model');
    });

    it('follows five hops and refuses the sixth', async () => {
      const vendor = track(await client.startFake());
      // /hop/N/v1/... → /hop/N-1/v1/... → … → /v1/... (passed on to the vendor)
      const hops: RedirectRoute = (request) => {
        const m = /^\/hop\/(\d+)(\/.*)$/.exec(request.path);
        if (!m) return 'pass';
        const n = Number(m[1]);
        return { status: 307, location: n > 1 ? `/hop/${n - 1}${m[2]}` : m[2] };
      };
      const front = track(await startRedirectServer(hops, vendor.origin));
      assert.equal(await list.run(client.create(`${front.origin}/hop/5/v1`)), 'fake-model');
      assert.equal(front.requests.length, 6);

      const error = await expectProviderError(list.run(client.create(`${front.origin}/hop/6/v1`)));
      assert.equal(error.details.kind, 'config');
      assert.equal(words(error.reason), 'OpenAI-compatible server redirected the request more than 5 times — stopped. Check "aiTaskQueue.providers.openaiCompatible.baseUrl".');
      assert.equal(vendor.requests.length, 1, 'only the five-hop request reached the vendor');
    });

    it('a loop is refused as soon as it comes back to an address already asked', async () => {
      const loop: RedirectRoute = (request) => ({ status: 302, location: request.path.startsWith('/a/') ? request.path.replace('/a/', '/b/') : request.path.replace('/b/', '/a/') });
      const front = track(await startRedirectServer(loop));
      const error = await expectProviderError(list.run(client.create(`${front.origin}/a/v1`)));
      assert.equal(error.details.kind, 'config');
      assert.equal(words(error.reason), `OpenAI-compatible server redirected the request in a loop (back to ${front.origin}/a/v1/models) — not followed. Check "aiTaskQueue.providers.openaiCompatible.baseUrl".`);
      assert.equal(front.requests.length, 2);
    });

    it('a relative Location resolves against the URL requested', async () => {
      const vendor = track(await client.startFake());
      const relative: RedirectRoute = (request) => (request.path === '/api/v1/models' ? { status: 301, location: '../../v1/models' } : 'pass');
      const front = track(await startRedirectServer(relative, vendor.origin));
      assert.equal(await list.run(client.create(`${front.origin}/api/v1`)), 'fake-model');
      assert.deepEqual(front.requests.map((r) => r.path), ['/api/v1/models', '/v1/models']);
    });

    it('a redirect without a Location is an ordinary HTTP error', async () => {
      const front = track(await startRedirectServer(() => ({ status: 307 })));
      const error = await expectProviderError(list.run(client.create(`${front.origin}/v1`)));
      assert.equal(error.details.kind, 'http');
      assert.equal(error.details.status, 307);
      assert.match(words(error.reason), /^HTTP 307 from OpenAI-compatible server: /);
    });

    it('http → https on the same host is another origin too, and the message says which base URL to set', async () => {
      const front = track(await startRedirectServer((request) => ({ status: 301, location: `https://127.0.0.1:8443${request.path}` })));
      const error = await expectProviderError(chat.run(client.create(`${front.origin}/v1`)));
      assert.equal(
        words(error.reason),
        `OpenAI-compatible server redirected the request to https://127.0.0.1:8443 — not followed, so your key stays with ${front.origin}. http:// and https:// are different origins; if the server now wants https://, set "aiTaskQueue.providers.openaiCompatible.baseUrl" to https://127.0.0.1:8443/v1.`,
      );
      assert.equal(front.requests.length, 1);
    });

    it('without a key the wording does not speak of one, and the other origin still gets nothing', async () => {
      const other = track(await client.startFake());
      const front = track(await startRedirectServer(redirectEverythingTo(other.origin, 307)));
      const keyless = new OpenAiCompatibleProvider({ id: 'lmstudio', label: 'LM Studio', baseUrl: `${front.origin}/v1`, local: true, getApiKey: async () => undefined });
      const error = await expectProviderError(chat.run(keyless));
      assert.equal(words(error.reason), `LM Studio redirected the request to ${other.origin} — not followed: requests go only to the configured origin, ${front.origin}. If the server has moved, set the base URL to the new address.`);
      assert.equal(other.requests.length, 0);
    });
  });
});

/** Answers requests under `prefix` with a redirect to the same path without it (same origin); passes the rest on. */
function movedUnder(prefix: string, status = 308): RedirectRoute {
  return (request) => (request.path.startsWith(`${prefix}/`) ? { status, location: request.path.slice(prefix.length) } : 'pass');
}
