// Writes a non-2xx response with the OpenAI error body (reference §1.4) and a request id.
import type { FakeExchange } from './fakeHttpServer';
import { openAiErrorBody } from './openAiErrorBodies';
import type { OpenAiErrorObject } from './openAiScript';

export function sendOpenAiError(exchange: FakeExchange, status: number, error: Partial<OpenAiErrorObject> = {}, headers: Readonly<Record<string, string>> = {}): void {
  exchange.res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake_${exchange.request.index}`, ...headers });
  exchange.res.end(JSON.stringify(openAiErrorBody(status, error)));
}

/** Answers 401 unless the request carries `Authorization: Bearer <apiKey>`; true when it did. */
export function rejectUnlessBearer(exchange: FakeExchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return false;
  const presented = exchange.request.headers.authorization ?? '';
  if (presented === `Bearer ${apiKey}`) return false;
  // Echoes the presented credential in full (real OpenAI masks it) so tests prove clients redact.
  const message = presented ? `Incorrect API key provided: ${presented.replace(/^Bearer /, '')}.` : "You didn't provide an API key.";
  sendOpenAiError(exchange, 401, { message });
  return true;
}
