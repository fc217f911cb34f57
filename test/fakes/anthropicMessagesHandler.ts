// Answers POST /v1/messages like the Messages API (reference §2.2, §2.3): JSON or the SSE event
// sequence, including a `ping` and an event type clients do not know, which they must ignore.
import type { AnthropicScript } from './anthropicScript';
import type { ChatRequestFields } from './chatRequestFields';
import { cutToChars } from './cutToChars';
import { delay } from './delay';
import type { FakeExchange } from './fakeHttpServer';
import { fakeTokenCount } from './fakeTokenCount';
import { sendAnthropicError } from './sendAnthropicError';
import { simulatedReply, type ReplyOptions } from './simulatedReply';
import { SseWriter } from './sseWriter';

export async function handleAnthropicMessages(exchange: FakeExchange, fields: ChatRequestFields, options: ReplyOptions, script: AnthropicScript): Promise<void> {
  switch (script.kind) {
    case 'hangUp':
      return exchange.hangUp();
    case 'error':
      return sendAnthropicError(exchange, script.status, script.errorType, script.message, script.headers);
    case 'raw':
      exchange.res.writeHead(script.status, script.headers);
      for (const piece of script.body) exchange.res.write(piece);
      exchange.res.end();
      return;
    case 'reply':
      return sendReply(exchange, fields, options, script);
  }
}

async function sendReply(exchange: FakeExchange, fields: ChatRequestFields, options: ReplyOptions, script: Extract<AnthropicScript, { kind: 'reply' }>): Promise<void> {
  const maxTokens = typeof fields.record.max_tokens === 'number' ? fields.record.max_tokens : Number.POSITIVE_INFINITY;
  const reply = simulatedReply(fields.prompt, { ...options, ...(script.text !== undefined && { text: script.text }) });
  let chunks = [...reply.chunks];
  let stopReason = script.stopReason ?? 'end_turn';
  if (fakeTokenCount(reply.text) > maxTokens) {
    chunks = cutToChars(chunks, maxTokens * 4);
    stopReason = 'max_tokens';
  }
  const text = chunks.join('');
  const usage = {
    input_tokens: script.usage?.input_tokens ?? fakeTokenCount(fields.allText),
    output_tokens: script.usage?.output_tokens ?? fakeTokenCount(text),
    cache_creation_input_tokens: script.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: script.usage?.cache_read_input_tokens ?? 0,
  };
  const headers = { 'request-id': `req_fake${exchange.request.index}`, ...script.headers };
  const message = { id: `msg_fake${exchange.request.index}`, type: 'message', role: 'assistant', model: fields.model };

  if (!fields.stream) {
    exchange.res.writeHead(200, { 'content-type': 'application/json', ...headers });
    exchange.res.end(
      JSON.stringify({
        ...message,
        content: [{ type: 'text', text }],
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { ...usage, cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 }, service_tier: 'standard', server_tool_use: null },
      }),
    );
    return;
  }

  const sse = new SseWriter(exchange, script.lineEnding);
  const send = (event: Record<string, unknown> & { type: string }): boolean => sse.event(JSON.stringify(event), event.type);
  const stopEarly = (): void => (script.truncateBy === 'destroy' ? exchange.hangUp() : sse.end());
  const chunkDelay = script.chunkDelayMs ?? reply.chunkDelayMs;

  sse.start(headers);
  send({ type: 'message_start', message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  send({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  send({ type: 'ping' });
  for (const [i, piece] of chunks.entries()) {
    if (script.errorAfterChunks?.chunks === i) {
      const { errorType, message: errorMessage } = script.errorAfterChunks;
      send({ type: 'error', error: { type: errorType ?? 'overloaded_error', message: errorMessage ?? 'Overloaded' } });
      return sse.end();
    }
    if (typeof script.truncate === 'object' && script.truncate.afterChunks === i) return stopEarly();
    await delay(chunkDelay);
    if (!send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })) return;
    // Anthropic may add event types; clients must skip ones they do not know.
    if (i === 0) send({ type: 'future_event_type', detail: 'clients must ignore this' });
  }
  send({ type: 'content_block_stop', index: 0 });
  const deltaUsage = script.cumulativeUsageInDelta ? usage : { output_tokens: usage.output_tokens };
  send({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: deltaUsage });
  if (script.truncate === 'beforeStop') return stopEarly();
  send({ type: 'message_stop' });
  sse.end();
}
