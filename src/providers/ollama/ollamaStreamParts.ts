// Interprets Ollama's native /api/chat NDJSON (reference §3.1): message.content per line, usage
// only on the final `done: true` line, and `{"error": "…"}` as a mid-stream failure.
import * as v from 'valibot';
import { ProviderError, type StreamPart } from '../../core/domain/chatProvider';
import { estimateTokens } from '../../core/usage/tokenEstimate';
import { midStreamError } from '../http/midStreamError';
import { parseEventJson } from '../http/parseEventJson';
import type { StreamContext } from '../http/streamContext';
import { phrase } from '../../core/domain/phrase';

const count = v.optional(v.nullable(v.number()));
const lineSchema = v.object({
  message: v.optional(v.nullable(v.object({ content: v.optional(v.nullable(v.string())) }))),
  done: v.optional(v.nullable(v.boolean())),
  done_reason: v.optional(v.nullable(v.string())),
  prompt_eval_count: count,
  eval_count: count,
});

/** `promptText` is only used to estimate input tokens when Ollama omits prompt_eval_count. */
export async function* ollamaStreamParts(lines: AsyncIterable<string>, context: StreamContext, promptText: string): AsyncGenerator<StreamPart, void, undefined> {
  for await (const line of lines) {
    const json = parseEventJson(line, context.providerId);
    if (typeof json === 'object' && json !== null && 'error' in json) throw midStreamError(json, context);
    const parsed = v.safeParse(lineSchema, json);
    if (!parsed.success) throw new ProviderError(phrase('provider.stream.malformedLine', { provider: context.label }), { kind: 'protocol', providerId: context.providerId });
    const { message, done, done_reason, prompt_eval_count, eval_count } = parsed.output;
    if (message?.content) yield { type: 'text', text: message.content };
    if (done) {
      // Older Ollama builds omitted prompt_eval_count for cached prompts (issues #2068, #3427).
      const inputKnown = typeof prompt_eval_count === 'number';
      yield {
        type: 'usage',
        usage: {
          inputTokens: inputKnown ? prompt_eval_count : estimateTokens(promptText),
          outputTokens: eval_count ?? 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          estimated: !inputKnown || typeof eval_count !== 'number',
        },
      };
      yield { type: 'finish', reason: done_reason ?? 'stop' };
      return;
    }
  }
  throw new ProviderError(phrase('provider.stream.cutOllama', { provider: context.label }), { kind: 'stream', providerId: context.providerId });
}
