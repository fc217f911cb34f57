// Interprets Chat Completions SSE events (reference §1.3, §3.5): text from choice 0's deltas,
// usage from the last chunk that carried one (any chunk, even with `choices: []`), the finish
// reason, and `[DONE]`. An error object inside the stream, or an end without `[DONE]`, throws.
import type { EventSourceMessage } from 'eventsource-parser';
import * as v from 'valibot';
import { ProviderError, type StreamPart } from '../../core/domain/chatProvider';
import type { TokenUsage } from '../../core/domain/tokenUsage';
import { openAiChunkSchema, type OpenAiChoice } from './openAiChunk';
import { openAiUsageToTokenUsage } from './openAiUsage';
import { midStreamError } from '../http/midStreamError';
import { parseEventJson } from '../http/parseEventJson';
import type { StreamContext } from '../http/streamContext';
import { phrase } from '../../core/domain/phrase';

export async function* openAiStreamParts(events: AsyncIterable<EventSourceMessage>, context: StreamContext): AsyncGenerator<StreamPart, void, undefined> {
  const { providerId } = context;
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  let sawDone = false;
  try {
    for await (const event of events) {
      if (event.data.trim() === '[DONE]') {
        // Anything after [DONE] is ignored, as the SDK does; leaving now also frees the socket.
        sawDone = true;
        break;
      }
      const json = parseEventJson(event.data, providerId);
      if (event.event === 'error' || (typeof json === 'object' && json !== null && 'error' in json)) {
        throw midStreamError(json, context);
      }
      const chunk = v.safeParse(openAiChunkSchema, json);
      if (!chunk.success) throw new ProviderError(phrase('provider.stream.notChunk', { provider: context.label }), { kind: 'protocol', providerId });
      if (chunk.output.usage) usage = openAiUsageToTokenUsage(chunk.output.usage);
      const first = firstChoice(chunk.output.choices);
      if (first?.finish_reason) finishReason = first.finish_reason;
      const text = first?.delta?.content;
      if (text) yield { type: 'text', text };
    }
  } catch (error) {
    // Usage that arrived before the failure is real and billed; report it before failing.
    if (usage) yield { type: 'usage', usage };
    throw error;
  }
  if (!sawDone) {
    if (usage) yield { type: 'usage', usage };
    throw new ProviderError(phrase('provider.stream.cutOpenAi', { provider: context.label }), { kind: 'stream', providerId });
  }
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', reason: finishReason ?? 'unknown' };
}

/** Choice 0 if present; the usage chunk has `choices: []` and n > 1 is never requested. */
export function firstChoice(choices: readonly OpenAiChoice[] | null | undefined): OpenAiChoice | undefined {
  return choices?.find((c) => (c.index ?? 0) === 0);
}
