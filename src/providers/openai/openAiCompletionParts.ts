// Some compatible servers answer a `stream: true` request with one plain JSON completion
// (reference §1.2); it is turned into the same parts a stream would have produced.
import * as v from 'valibot';
import { ProviderError, type StreamPart } from '../../core/domain/chatProvider';
import { openAiChunkSchema } from './openAiChunk';
import { firstChoice } from './openAiStreamParts';
import { openAiUsageToTokenUsage } from './openAiUsage';
import { midStreamError } from '../http/midStreamError';
import type { StreamContext } from '../http/streamContext';
import { phrase } from '../../core/domain/phrase';

export function openAiCompletionParts(json: unknown, context: StreamContext): StreamPart[] {
  // Proxies and some servers report a failure as a 200 with an error object; it must fail the
  // attempt, not complete the task with no text.
  if (typeof json === 'object' && json !== null && 'error' in json) throw midStreamError(json, context);
  const parsed = v.safeParse(openAiChunkSchema, json);
  if (!parsed.success || !Array.isArray((json as { choices?: unknown }).choices)) throw new ProviderError(phrase('provider.notChatCompletion', { provider: context.label }), { kind: 'protocol', providerId: context.providerId });
  const parts: StreamPart[] = [];
  const choice = firstChoice(parsed.output.choices);
  const text = choice?.message?.content;
  if (text) parts.push({ type: 'text', text });
  if (parsed.output.usage) parts.push({ type: 'usage', usage: openAiUsageToTokenUsage(parsed.output.usage) });
  parts.push({ type: 'finish', reason: choice?.finish_reason ?? 'unknown' });
  return parts;
}
