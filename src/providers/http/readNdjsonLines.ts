// Splits a response body into NDJSON lines (Ollama's native streaming format). A final line
// without a newline is still returned: unlike SSE, NDJSON has no end-of-record marker to wait for.
// Leaving the loop early cancels the body, which closes the connection.
import { ProviderError } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

const MAX_LINE_CHARS = 8 * 1024 * 1024;

export async function* readNdjsonLines(body: ReadableStream<Uint8Array>, providerId: string): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let drained = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = done ? '' : (lines.pop() ?? '');
      if (buffer.length > MAX_LINE_CHARS) throw new ProviderError(phrase('provider.stream.lineTooLong', {}), { kind: 'protocol', providerId });
      for (const line of lines) {
        const trimmed = line.trim();
        if (trimmed !== '') yield trimmed;
      }
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
