// Answers POST /v1/chat/completions like OpenAI (or, with flavor "ollama", like Ollama's
// compatibility layer: max_completion_tokens ignored, usage without *_details). Wire shapes
// follow reference §1.2–§1.4; the contract tests hold them to what the official SDK parses.
import { chatRequestFields, type ChatRequestFields } from './chatRequestFields';
import { cutToChars } from './cutToChars';
import { delay } from './delay';
import type { FakeExchange } from './fakeHttpServer';
import { fakeTokenCount } from './fakeTokenCount';
import type { OpenAiScript, UsageOverride } from './openAiScript';
import { simulatedReply, type ReplyOptions } from './simulatedReply';
import { sendOpenAiError } from './sendOpenAiError';
import { SseWriter } from './sseWriter';

export interface OpenAiChatOptions extends ReplyOptions {
  /** When false the server never sends usage in streams, whatever the client asks. */
  readonly usage: boolean;
  /** Headers added to every chat response, e.g. x-ratelimit-*. */
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly flavor: 'openai' | 'ollama';
}

type ReplyScript = Extract<OpenAiScript, { kind: 'reply' }>;

const CREATED = 1_750_000_000;

export async function handleOpenAiChat(exchange: FakeExchange, options: OpenAiChatOptions, script: OpenAiScript | undefined): Promise<void> {
  const fields = chatRequestFields(exchange.request.body);
  if (!fields) return sendOpenAiError(exchange, 400, { message: 'We could not parse the JSON body of your request.', code: null, param: null });
  const chosen = script ?? markerScript(fields.prompt) ?? { kind: 'reply' };
  switch (chosen.kind) {
    case 'hangUp':
      return exchange.hangUp();
    case 'error':
      return sendOpenAiError(exchange, chosen.status, chosen.error, chosen.headers);
    case 'raw':
      return sendRaw(exchange, chosen);
    case 'reply':
      return sendReply(exchange, options, fields, chosen);
  }
}

/** Prompt markers let the offline simulator show failures in the UI: "[fail:429]". */
function markerScript(prompt: string): OpenAiScript | undefined {
  const match = /\[fail:(\d{3})\]/.exec(prompt);
  if (!match) return undefined;
  const status = Number(match[1]);
  return { kind: 'error', status, headers: status === 429 ? { 'retry-after': '1' } : {} };
}

async function sendRaw(exchange: FakeExchange, script: Extract<OpenAiScript, { kind: 'raw' }>): Promise<void> {
  exchange.res.writeHead(script.status, script.headers);
  for (const [i, piece] of script.body.entries()) {
    if (i > 0) await delay(script.pieceDelayMs ?? 0);
    if (exchange.clientGone) return;
    exchange.res.write(piece);
    exchange.eventsSent++;
  }
  exchange.res.end();
}

async function sendReply(exchange: FakeExchange, options: OpenAiChatOptions, fields: ChatRequestFields, script: ReplyScript): Promise<void> {
  const body = fields.record;
  const maxTokens = options.flavor === 'ollama' ? numberField(body.max_tokens) : (numberField(body.max_completion_tokens) ?? numberField(body.max_tokens));
  const reply = simulatedReply(fields.prompt, { ...options, ...(script.text !== undefined && { text: script.text }) });
  let chunks = reply.chunks;
  let finishReason = script.finishReason ?? 'stop';
  if (maxTokens !== undefined && fakeTokenCount(reply.text) > maxTokens) {
    chunks = cutToChars(chunks, maxTokens * 4);
    finishReason = 'length';
  }
  const text = chunks.join('');
  const usage = script.usage === false ? undefined : usageObject(fields.allText, text, script.usage ?? {}, options.flavor);
  const headers = { 'x-request-id': `req_fake_${exchange.request.index}`, ...options.extraHeaders, ...script.headers };
  const id = `chatcmpl-fake${exchange.request.index}`;
  const base = (object: string): Record<string, unknown> => ({ id, object, created: CREATED, model: fields.model });

  if (!fields.stream || script.forceJson) {
    exchange.res.writeHead(200, { 'content-type': 'application/json', ...headers });
    exchange.res.end(
      JSON.stringify({
        ...base('chat.completion'),
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: finishReason }],
        ...(usage && { usage }),
        service_tier: 'default',
        system_fingerprint: 'fp_fake',
      }),
    );
    return;
  }

  const streamOptions = body.stream_options;
  const wantsUsage = typeof streamOptions === 'object' && streamOptions !== null && (streamOptions as { include_usage?: unknown }).include_usage === true;
  const sendUsage = options.usage && wantsUsage && usage !== undefined;
  const sse = new SseWriter(exchange, script.lineEnding);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ ...base('chat.completion.chunk'), system_fingerprint: 'fp_fake', choices, ...(sendUsage && { usage: null }), ...extra });
  const delta = (d: Record<string, unknown>, finish: string | null = null): unknown => ({ index: 0, delta: d, logprobs: null, finish_reason: finish });
  const stopEarly = (): void => (script.truncateBy === 'destroy' ? exchange.hangUp() : sse.end());
  const chunkDelay = script.durationMs !== undefined ? script.durationMs / (chunks.length + 1) : (script.chunkDelayMs ?? reply.chunkDelayMs);

  sse.start(headers);
  if (script.keepAlive) sse.comment('keep-alive');
  sse.event(chunk([delta({ role: 'assistant', content: '' })]));
  for (const [i, piece] of chunks.entries()) {
    if (script.errorAfterChunks?.chunks === i) {
      sse.event(JSON.stringify({ error: script.errorAfterChunks.error }));
      return sse.end();
    }
    if (typeof script.truncate === 'object' && script.truncate.afterChunks === i) return stopEarly();
    await delay(chunkDelay);
    if (script.keepAlive) sse.comment('keep-alive');
    if (!sse.event(chunk([delta({ content: piece })]))) return;
  }
  await delay(chunkDelay);
  if (!sse.event(chunk([delta({}, finishReason)]))) return;
  if (script.truncate === 'beforeUsage') return stopEarly();
  if (sendUsage) sse.event(chunk([], { usage }));
  if (script.truncate === 'beforeDone') return stopEarly();
  sse.event('[DONE]');
  sse.end();
}

function usageObject(promptText: string, replyText: string, override: UsageOverride, flavor: 'openai' | 'ollama'): Record<string, unknown> {
  const prompt = override.prompt_tokens ?? fakeTokenCount(promptText);
  const completion = override.completion_tokens ?? fakeTokenCount(replyText);
  const totals = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (flavor === 'ollama') return totals;
  return {
    ...totals,
    prompt_tokens_details: { cached_tokens: override.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: override.reasoning_tokens ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function numberField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
