// The response cache on disk, next to the task history (same folder, same one-window lock): one
// JSON file replaced atomically, so a crash leaves the old cache or the new one. The content is
// validated by ResponseCache.restore on the way back in; a file that does not parse is an empty
// cache, never an error.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicFile';

export const RESPONSE_CACHE_FILE = 'response-cache.json';

export class ResponseCacheFile {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly directory: string) {}

  get file(): string {
    return path.join(this.directory, RESPONSE_CACHE_FILE);
  }

  async load(): Promise<unknown> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Saves a snapshot; saves are queued so an older one never lands after a newer one. */
  save(snapshot: unknown): Promise<void> {
    const text = JSON.stringify(snapshot);
    const next = this.chain.then(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      await writeFileAtomic(this.file, text);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
