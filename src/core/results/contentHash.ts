// The hash a task's source is identified by: the text sent at launch, compared with the text now.
import { createHash } from 'node:crypto';

/** sha256 of the UTF-8 text, hex. Line endings count: a file re-saved with CRLF has changed. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
