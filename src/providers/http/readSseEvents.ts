// Turns a response body into SSE events with the real parser (eventsource-parser handles \n,
// \r\n and \r line ends, comments/keep-alives, multi-line data). Leaving the loop early cancels
// the body, which closes the connection instead of letting the server keep generating.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

/** One event larger than this is not a chat chunk; stop before it exhausts memory. */
const MAX_BUFFER_CHARS = 8 * 1024 * 1024;

export async function* readSseEvents(body: ReadableStream<Uint8Array>, providerId: string): AsyncGenerator<EventSourceMessage, void, undefined> {
  const queue: EventSourceMessage[] = [];
  let overflow = false;
  const parser = createParser({
    onEvent: (event) => queue.push(event),
    onError: (error) => {
      // Unknown fields and bad `retry:` values are legal noise; only the buffer limit is fatal.
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: MAX_BUFFER_CHARS,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let drained = false;
  let endsWithCr = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      parser.feed(text);
      if (text !== '') endsWithCr = text.endsWith('\r');
      // The parser waits to see whether a trailing \r is half of \r\n; at the end it cannot be, so
      // say so. A final event without its blank line was cut off and stays dropped, not guessed at.
      if (done && endsWithCr) parser.feed('\n');
      if (overflow) throw new ProviderError(phrase('provider.stream.eventTooLong', {}), { kind: 'protocol', providerId });
      for (let event = queue.shift(); event; event = queue.shift()) yield event;
      if (done) {
        drained = true;
        return;
      }
    }
  } finally {
    if (!drained) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
