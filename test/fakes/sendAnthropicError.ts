// Writes a non-2xx response with Anthropic's error body and a request-id header.
import { anthropicErrorBody } from './anthropicErrorBodies';
import type { FakeExchange } from './fakeHttpServer';

export function sendAnthropicError(exchange: FakeExchange, status: number, type?: string, message?: string, headers: Readonly<Record<string, string>> = {}): void {
  const requestId = `req_fake${exchange.request.index}`;
  exchange.res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
  exchange.res.end(JSON.stringify(anthropicErrorBody(status, requestId, type, message)));
}
