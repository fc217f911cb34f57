// Interprets Messages API stream events (reference §2.3): text from text_delta, usage from
// message_start plus cumulative message_delta counts, the stop reason, and message_stop as the
// end. `ping` and unknown event types are ignored (Anthropic may add events); `error` throws.
import type { EventSourceMessage } from 'eventsource-parser';
import * as v from 'valibot';
import { ProviderError, type StreamPart } from '../../core/domain/chatProvider';
import { anthropicUsageSchema, anthropicUsageToTokenUsage, mergeAnthropicUsage, type AnthropicUsage } from './anthropicUsage';
import { midStreamError } from '../http/midStreamError';
import { parseEventJson } from '../http/parseEventJson';
import type { StreamContext } from '../http/streamContext';
import { phrase } from '../../core/domain/phrase';

const typed = v.object({ type: v.string() });
const messageStart = v.object({ message: v.object({ usage: v.optional(v.nullable(anthropicUsageSchema)) }) });
const blockDelta = v.object({ delta: v.object({ type: v.string(), text: v.optional(v.string()) }) });
const messageDelta = v.object({
  delta: v.optional(v.nullable(v.object({ stop_reason: v.optional(v.nullable(v.string())) }))),
  usage: v.optional(v.nullable(anthropicUsageSchema)),
});

export async function* anthropicStreamParts(events: AsyncIterable<EventSourceMessage>, context: StreamContext): AsyncGenerator<StreamPart, void, undefined> {
  let usage: AnthropicUsage | undefined;
  let stopReason: string | undefined;
  let stopped = false;
  const usagePart = (): StreamPart[] => (usage ? [{ type: 'usage', usage: anthropicUsageToTokenUsage(usage) }] : []);
  try {
    for await (const event of events) {
      if (event.event === 'ping') continue;
      const json = parseEventJson(event.data, context.providerId);
      const type = event.event ?? (v.is(typed, json) ? json.type : undefined);
      if (type === 'error') throw midStreamError(json, context);
      if (type === 'message_start') {
        usage = mergeAnthropicUsage(usage, expect(messageStart, json, context).message.usage ?? {});
      } else if (type === 'content_block_delta') {
        const { delta } = expect(blockDelta, json, context);
        // thinking_delta, input_json_delta etc. are not answer text.
        if (delta.type === 'text_delta' && delta.text) yield { type: 'text', text: delta.text };
      } else if (type === 'message_delta') {
        const parsed = expect(messageDelta, json, context);
        if (parsed.usage) usage = mergeAnthropicUsage(usage, parsed.usage);
        if (parsed.delta?.stop_reason) stopReason = parsed.delta.stop_reason;
      } else if (type === 'message_stop') {
        stopped = true;
        break;
      }
    }
  } catch (error) {
    yield* usagePart();
    throw error;
  }
  yield* usagePart();
  if (!stopped) {
    throw new ProviderError(phrase('provider.stream.cutAnthropic', { provider: context.label }), { kind: 'stream', providerId: context.providerId });
  }
  yield { type: 'finish', reason: stopReason ?? 'unknown' };
}

function expect<T extends v.GenericSchema>(schema: T, json: unknown, context: StreamContext): v.InferOutput<T> {
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) throw new ProviderError(phrase('provider.stream.malformedEvent', { provider: context.label }), { kind: 'protocol', providerId: context.providerId });
  return parsed.output;
}
