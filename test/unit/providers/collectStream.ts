// Drains a provider stream for assertions: every part, the concatenated text, and the error (if
// the stream threw) — so a test can check what arrived before a failure, too.
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import type { TokenUsage } from '../../../src/core/domain/tokenUsage';

export interface CollectedStream {
  readonly parts: StreamPart[];
  readonly text: string;
  readonly usage: TokenUsage | undefined;
  readonly finish: string | undefined;
  readonly error: ProviderError | undefined;
}

export async function collectStream(stream: AsyncIterable<StreamPart>): Promise<CollectedStream> {
  const parts: StreamPart[] = [];
  let error: ProviderError | undefined;
  try {
    for await (const part of stream) parts.push(part);
  } catch (caught) {
    if (!(caught instanceof ProviderError)) throw caught;
    error = caught;
  }
  const usages = parts.flatMap((p) => (p.type === 'usage' ? [p.usage] : []));
  const finishes = parts.flatMap((p) => (p.type === 'finish' ? [p.reason] : []));
  return {
    parts,
    text: parts.map((p) => (p.type === 'text' ? p.text : '')).join(''),
    usage: usages.at(-1),
    finish: finishes.at(-1),
    error,
  };
}

/** Like collectStream, but fails the test unless the stream threw a ProviderError. */
export async function expectStreamError(stream: AsyncIterable<StreamPart>): Promise<ProviderError> {
  const result = await collectStream(stream);
  if (!result.error) throw new Error(`expected the stream to fail, got parts: ${JSON.stringify(result.parts)}`);
  return result.error;
}
