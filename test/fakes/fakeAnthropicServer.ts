// A fake Anthropic API on a real socket: POST /v1/messages (validated like the real one),
// POST /v1/messages/count_tokens and GET /v1/models, with scripted faults and request recording.
import { handleAnthropicMessages } from './anthropicMessagesHandler';
import type { AnthropicScript } from './anthropicScript';
import { chatRequestFields } from './chatRequestFields';
import { startFakeHttpServer, type FakeExchange, type FakeHttpServer } from './fakeHttpServer';
import { FakeAnthropicBatches, type FakeAnthropicBatchOptions } from './fakeAnthropicBatches';
import { fakeTokenCount } from './fakeTokenCount';
import { sendAnthropicError } from './sendAnthropicError';

export interface FakeAnthropicServerOptions {
  readonly port?: number;
  /** The key every request must carry, in x-api-key or as Bearer (default "sk-ant-test"). */
  readonly apiKey?: string;
  readonly chunkDelayMs?: number;
  readonly replyText?: string;
  /** Ids served by GET /v1/models (default ["fake-claude"]). */
  readonly models?: readonly string[];
  /** The Message Batches routes (fakeAnthropicBatches.ts). */
  readonly batches?: FakeAnthropicBatchOptions;
}

export interface FakeAnthropicServer extends FakeHttpServer {
  /** The origin, e.g. "http://127.0.0.1:43123" — Anthropic clients add `/v1/...` themselves. */
  readonly baseUrl: string;
  readonly apiKey: string;
  enqueue(...scripts: AnthropicScript[]): void;
  /** Drops the queued scripts no request has taken yet (a test's cleanup after a failure). */
  clearQueue(): void;
  /** The fake Message Batches API: its batches and timings. */
  readonly batches: FakeAnthropicBatches;
}

export async function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  const queue: AnthropicScript[] = [];
  const apiKey = options.apiKey ?? 'sk-ant-test';
  const models = options.models ?? ['fake-claude'];
  const replyOptions = { chunkDelayMs: options.chunkDelayMs ?? 5, slowChunkDelayMs: 1500, slowChunkCount: 20, ...(options.replyText !== undefined && { text: options.replyText }) };
  const server = await startFakeHttpServer((exchange) => route(exchange), options.port ?? 0);
  const batches = new FakeAnthropicBatches(server.origin, options.batches);

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path, headers } = exchange.request;
    const pathname = path.split('?')[0];
    // x-api-key is the classic form (and what our client sends); SDK 1.x sends the key as Bearer.
    const presented = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
    if (presented !== apiKey) return sendAnthropicError(exchange, 401, 'authentication_error', 'invalid x-api-key');
    if (!headers['anthropic-version']) return sendAnthropicError(exchange, 400, 'invalid_request_error', 'anthropic-version: header is required');
    if (await batches.handle(exchange, pathname ?? '')) return;
    if (method === 'GET' && pathname === '/v1/models') {
      const data = models.map((id) => ({ type: 'model', id, display_name: `Fake ${id}`, created_at: '2025-01-01T00:00:00Z' }));
      exchange.res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake${exchange.request.index}` });
      exchange.res.end(JSON.stringify({ data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }));
      return;
    }
    if (method !== 'POST' || (pathname !== '/v1/messages' && pathname !== '/v1/messages/count_tokens')) {
      return sendAnthropicError(exchange, 404, 'not_found_error', 'Not found');
    }
    const fields = chatRequestFields(exchange.request.body);
    if (!fields) return sendAnthropicError(exchange, 400, 'invalid_request_error', 'Request body is not valid JSON.');
    if (typeof fields.record.model !== 'string') return sendAnthropicError(exchange, 400, 'invalid_request_error', 'model: Field required');
    if (pathname === '/v1/messages/count_tokens') {
      exchange.res.writeHead(200, { 'content-type': 'application/json' });
      exchange.res.end(JSON.stringify({ input_tokens: fakeTokenCount(fields.allText) }));
      return;
    }
    if (typeof fields.record.max_tokens !== 'number') return sendAnthropicError(exchange, 400, 'invalid_request_error', 'max_tokens: Field required');
    return handleAnthropicMessages(exchange, fields, replyOptions, queue.shift() ?? { kind: 'reply' });
  }

  return { ...server, baseUrl: server.origin, apiKey, enqueue: (...scripts: AnthropicScript[]) => void queue.push(...scripts), clearQueue: () => void queue.splice(0), batches };
}
