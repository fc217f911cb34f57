// A fake Ollama on a real socket: native POST /api/chat (NDJSON) and GET /api/tags, plus the
// OpenAI-compatible /v1 routes with Ollama's quirks (max_completion_tokens ignored, usage
// without *_details) — the same handler as the OpenAI fake in its "ollama" flavour.
import { chatRequestFields } from './chatRequestFields';
import { startFakeHttpServer, type FakeExchange, type FakeHttpServer } from './fakeHttpServer';
import { openAiChatOptions } from './fakeOpenAiServer';
import { handleOllamaChat } from './ollamaChatHandler';
import type { OllamaScript } from './ollamaScript';
import { handleOpenAiChat } from './openAiChatHandler';
import type { OpenAiScript } from './openAiScript';
import { sendOpenAiError } from './sendOpenAiError';

export interface FakeOllamaServerOptions {
  readonly port?: number;
  readonly chunkDelayMs?: number;
  /** Names served by /api/tags and /v1/models (default ["llama3.2:latest"]). */
  readonly models?: readonly string[];
}

export interface FakeOllamaServer extends FakeHttpServer {
  /** The origin, e.g. "http://127.0.0.1:43123" (native API). */
  readonly baseUrl: string;
  /** `${baseUrl}/v1` for OpenAI-compatible clients. */
  readonly openAiBaseUrl: string;
  /** Queues responses for the next native /api/chat requests. */
  enqueue(...scripts: OllamaScript[]): void;
  /** Queues responses for the next /v1/chat/completions requests. */
  enqueueOpenAi(...scripts: OpenAiScript[]): void;
}

export async function startFakeOllamaServer(options: FakeOllamaServerOptions = {}): Promise<FakeOllamaServer> {
  const native: OllamaScript[] = [];
  const compatible: OpenAiScript[] = [];
  const models = options.models ?? ['llama3.2:latest'];
  const chatOptions = openAiChatOptions({ chunkDelayMs: options.chunkDelayMs ?? 5, flavor: 'ollama' });
  const server = await startFakeHttpServer((exchange) => route(exchange), options.port ?? 0);

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path } = exchange.request;
    const pathname = path.split('?')[0];
    const json = (status: number, value: unknown): void => {
      exchange.res.writeHead(status, { 'content-type': 'application/json' });
      exchange.res.end(JSON.stringify(value));
    };
    if (method === 'POST' && pathname === '/api/chat') {
      const fields = chatRequestFields(exchange.request.body);
      if (!fields) return json(400, { error: 'invalid character in request body' });
      return handleOllamaChat(exchange, fields, chatOptions, native.shift() ?? { kind: 'reply' });
    }
    if (method === 'GET' && pathname === '/api/tags') {
      return json(200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: '2025-01-01T00:00:00Z',
          size: 2_019_393_189,
          digest: 'fakedigest',
          details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
        })),
      });
    }
    if (method === 'POST' && pathname === '/v1/chat/completions') return handleOpenAiChat(exchange, chatOptions, compatible.shift());
    if (method === 'GET' && pathname === '/v1/models') {
      return json(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'library' })) });
    }
    if (pathname?.startsWith('/v1/')) return sendOpenAiError(exchange, 404, { message: '404 page not found', type: 'not_found_error', code: null });
    return json(404, { error: '404 page not found' });
  }

  return {
    ...server,
    baseUrl: server.origin,
    openAiBaseUrl: `${server.origin}/v1`,
    enqueue: (...scripts: OllamaScript[]) => void native.push(...scripts),
    enqueueOpenAi: (...scripts: OpenAiScript[]) => void compatible.push(...scripts),
  };
}
