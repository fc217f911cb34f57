// Reads a JSONL file from a response body one line at a time (a batch's results: possibly hundreds
// of megabytes, never held whole). Each line is parsed on its own; a line that is not JSON is
// reported by count to the caller and skipped, so one damaged line cannot hide the others' results.
import { readNdjsonLines } from './readNdjsonLines';
import { transportError, type TransportContext } from './transportError';

export async function* readJsonLines(response: Response, context: TransportContext, onBadLine?: () => void): AsyncGenerator<unknown, void, undefined> {
  if (!response.body) return;
  try {
    for await (const line of readNdjsonLines(response.body, context.providerId)) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        onBadLine?.();
        continue;
      }
      yield value;
    }
  } catch (error) {
    throw transportError(error, 'body', context);
  }
}
