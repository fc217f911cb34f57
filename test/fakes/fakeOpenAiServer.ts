// A fake OpenAI-compatible server on a real socket: POST /v1/chat/completions and GET /v1/models,
// with scripted faults and request recording. Tests point real clients (ours and the official
// SDK) at `baseUrl`; the offline simulator (fakeServerMain) is this same server.
import { startFakeHttpServer, type FakeExchange, type FakeHttpServer, type RecordedRequest } from './fakeHttpServer';
import { FakeOpenAiBatches, type FakeOpenAiBatchOptions } from './fakeOpenAiBatches';
import { handleOpenAiChat, type OpenAiChatOptions } from './openAiChatHandler';
import type { OpenAiScript } from './openAiScript';
import { rejectUnlessBearer, sendOpenAiError } from './sendOpenAiError';

export interface FakeOpenAiServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Delay before each content chunk (default 5 ms). */
  readonly chunkDelayMs?: number;
  /** Prompts containing "[slow]": per-chunk delay (default 1500 ms) and chunk count (default 20). */
  readonly slowChunkDelayMs?: number;
  readonly slowChunkCount?: number;
  /** Put before every generated reply, e.g. "[offline simulator] ". */
  readonly replyPrefix?: string;
  /** A fixed reply instead of the generated echo. */
  readonly replyText?: string;
  /** false: never send usage in streams, even when asked (default true). */
  readonly usage?: boolean;
  /** Ids served by GET /v1/models (default ["fake-model"]). */
  readonly models?: readonly string[];
  /** When set, every request must carry this Bearer key or gets a 401. */
  readonly apiKey?: string;
  /** Headers sent with every chat response (e.g. x-ratelimit-*). */
  readonly headers?: Readonly<Record<string, string>>;
  /** "ollama": behave like Ollama's /v1 layer (ignores max_completion_tokens, usage without details). */
  readonly flavor?: 'openai' | 'ollama';
  /** Consulted for every request (any route) when no queued script applies. */
  readonly fault?: (request: RecordedRequest) => OpenAiScript | undefined;
  /** The Batch API and Files routes (fakeOpenAiBatches.ts). */
  readonly batches?: FakeOpenAiBatchOptions;
}

export interface FakeOpenAiServer extends FakeHttpServer {
  /** e.g. "http://127.0.0.1:43123/v1" — what clients use as their base URL. */
  readonly baseUrl: string;
  /** Queues responses for the next chat requests, in order; then normal replies resume. */
  enqueue(...scripts: OpenAiScript[]): void;
  /** Drops the queued scripts no request has taken yet (a test's cleanup after a failure). */
  clearQueue(): void;
  /** The fake Batch API: its files and batches, and its timings. */
  readonly batches: FakeOpenAiBatches;
}

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const queue: OpenAiScript[] = [];
  const chatOptions = openAiChatOptions(options);
  const models = options.models ?? ['fake-model'];
  const batches = new FakeOpenAiBatches(options.batches);
  const server = await startFakeHttpServer((exchange) => route(exchange), options.port ?? 0);

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path } = exchange.request;
    const pathname = path.split('?')[0];
    if (rejectUnlessBearer(exchange, options.apiKey)) return;
    if (method === 'POST' && pathname === '/v1/chat/completions') {
      return handleOpenAiChat(exchange, chatOptions, queue.shift() ?? options.fault?.(exchange.request));
    }
    const fault = options.fault?.(exchange.request);
    if (fault && fault.kind !== 'reply') return handleOpenAiChat(exchange, chatOptions, fault);
    if (await batches.handle(exchange, pathname ?? '')) return;
    if (method === 'GET' && pathname === '/v1/models') {
      exchange.res.writeHead(200, { 'content-type': 'application/json' });
      exchange.res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) }));
      return;
    }
    sendOpenAiError(exchange, 404, { message: `Invalid URL (${method} ${pathname})`, code: null });
  }

  return {
    ...server,
    baseUrl: `${server.origin}/v1`,
    enqueue: (...scripts: OpenAiScript[]) => void queue.push(...scripts),
    clearQueue: () => void queue.splice(0),
    batches,
  };
}

/** The chat-route settings with the documented defaults filled in. */
export function openAiChatOptions(options: FakeOpenAiServerOptions): OpenAiChatOptions {
  return {
    chunkDelayMs: options.chunkDelayMs ?? 5,
    slowChunkDelayMs: options.slowChunkDelayMs ?? 1500,
    slowChunkCount: options.slowChunkCount ?? 20,
    ...(options.replyPrefix !== undefined && { prefix: options.replyPrefix }),
    ...(options.replyText !== undefined && { text: options.replyText }),
    usage: options.usage ?? true,
    extraHeaders: options.headers ?? {},
    flavor: options.flavor ?? 'openai',
  };
}
