// Answers Ollama's native POST /api/chat (reference §3.1): NDJSON lines with message.content,
// then a final `done: true` line carrying the metrics (durations in nanoseconds).
import type { ChatRequestFields } from './chatRequestFields';
import { cutToChars } from './cutToChars';
import { delay } from './delay';
import type { FakeExchange } from './fakeHttpServer';
import { fakeTokenCount } from './fakeTokenCount';
import type { OllamaScript } from './ollamaScript';
import { simulatedReply, type ReplyOptions } from './simulatedReply';

const CREATED_AT = '2025-01-01T00:00:00.000000000Z';

export async function handleOllamaChat(exchange: FakeExchange, fields: ChatRequestFields, options: ReplyOptions, script: OllamaScript): Promise<void> {
  const { res } = exchange;
  if (script.kind === 'hangUp') return exchange.hangUp();
  if (script.kind === 'error') {
    res.writeHead(script.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: script.message ?? `model "${fields.model}" not found, try pulling it first` }));
    return;
  }
  const modelOptions = typeof fields.record.options === 'object' && fields.record.options !== null ? (fields.record.options as Record<string, unknown>) : {};
  const reply = simulatedReply(fields.prompt, { ...options, ...(script.text !== undefined && { text: script.text }) });
  let chunks = [...reply.chunks];
  let doneReason = 'stop';
  if (typeof modelOptions.num_predict === 'number' && fakeTokenCount(reply.text) > modelOptions.num_predict) {
    chunks = cutToChars(chunks, modelOptions.num_predict * 4);
    doneReason = 'length';
  }
  const line = (value: unknown): boolean => {
    if (exchange.clientGone) return false;
    res.write(`${JSON.stringify(value)}\n`);
    exchange.eventsSent++;
    return true;
  };
  const base = { model: fields.model, created_at: CREATED_AT };
  // Ollama streams unless the request says `stream: false`.
  const streaming = fields.record.stream !== false;
  const final = {
    ...base,
    message: { role: 'assistant', content: streaming ? '' : chunks.join('') },
    done: true,
    done_reason: doneReason,
    total_duration: 4_883_583_458,
    load_duration: 1_334_875,
    ...(!script.omitPromptEvalCount && { prompt_eval_count: fakeTokenCount(fields.allText) }),
    prompt_eval_duration: 342_546_000,
    eval_count: fakeTokenCount(chunks.join('')),
    eval_duration: 4_535_599_000,
  };
  if (!streaming) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(final));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const [i, piece] of chunks.entries()) {
    if (script.errorAfterChunks?.chunks === i) {
      line({ error: script.errorAfterChunks.message });
      return void res.end();
    }
    if (script.truncateAfterChunks === i) return void (script.truncateBy === 'destroy' ? exchange.hangUp() : res.end());
    await delay(script.chunkDelayMs ?? reply.chunkDelayMs);
    if (!line({ ...base, message: { role: 'assistant', content: piece }, done: false })) return;
  }
  line(final);
  res.end();
}
