// A server that answers with redirects, for the tests proving a key never leaves its origin. It
// records every request like the vendor fakes do; `route` decides per request whether to answer
// with a redirect (any status, any Location, or none) or to pass the request on unchanged to an
// upstream fake (a vendor fake on another port), streaming the upstream's answer back. Passing on
// lets a same-origin redirect end in a real vendor reply: `/old/v1/models` → 307 → `/v1/models`
// on this same server → proxied to the fake.
import http from 'node:http';
import { startFakeHttpServer, type FakeExchange, type FakeHttpServer, type RecordedRequest } from './fakeHttpServer';

export type RedirectAnswer = { readonly status: number; readonly location?: string } | 'pass';

export type RedirectRoute = (request: RecordedRequest) => RedirectAnswer;

/** Redirects every request to the same path on `targetOrigin` (another origin: a second server). */
export function redirectEverythingTo(targetOrigin: string, status: number): RedirectRoute {
  return (request) => ({ status, location: `${targetOrigin}${request.path}` });
}

export function startRedirectServer(route: RedirectRoute, upstreamOrigin?: string): Promise<FakeHttpServer> {
  return startFakeHttpServer(async (exchange) => {
    const answer = route(exchange.request);
    if (answer === 'pass') {
      if (!upstreamOrigin) throw new Error('redirect server: a request was passed on, but no upstream is set');
      await passOn(exchange, upstreamOrigin);
      return;
    }
    exchange.res.writeHead(answer.status, { 'content-type': 'text/plain', ...(answer.location !== undefined && { location: answer.location }) });
    exchange.res.end(`redirect ${answer.status} to ${answer.location ?? '(no location)'}`);
  });
}

function passOn(exchange: FakeExchange, upstreamOrigin: string): Promise<void> {
  const { request, res } = exchange;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length'));
  return new Promise((resolve, reject) => {
    const upstream = http.request(`${upstreamOrigin}${request.path}`, { method: request.method, headers: { ...headers, 'content-length': Buffer.byteLength(request.rawBody) } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    // A client that hangs up ends the upstream request too, so the fake sees the disconnect.
    res.on('close', () => upstream.destroy());
    upstream.end(request.rawBody);
  });
}
