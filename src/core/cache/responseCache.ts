// Stored answers to identical requests, served at once instead of paying for the same run twice.
// Bounded by count and by characters (the oldest go first), expired after a time to live, and
// never holding a secret: entries are keyed by a hash, and an answer in which the redactor finds a
// key is not stored at all. The engine asks `lookup` before scheduling; the composition root
// calls `store` when a task completes and persists `snapshot()` with the history.
import * as v from 'valibot';
import type { Clock } from '../domain/clock';
import type { CachedAnswer, CacheableRequest, ResponseCachePort } from '../domain/responseCachePort';
import type { Task } from '../domain/taskModel';
import type { TokenUsage } from '../domain/tokenUsage';

export interface ResponseCacheSettings {
  readonly enabled: boolean;
  readonly ttlMs: number;
}

export interface ResponseCacheOptions {
  readonly clock: Pick<Clock, 'now'>;
  readonly settings: () => ResponseCacheSettings;
  /** The request's key (see responseCacheKey.ts), or undefined when it must not be cached (unknown provider). */
  readonly keyOf: (request: CacheableRequest) => string | undefined;
  /** False when a text holds a secret the redactor knows: such an answer is never stored. */
  readonly isSafe: (text: string) => boolean;
  readonly maxEntries?: number;
  readonly maxChars?: number;
  /** Called after every change, so the adapter can save (debounced). */
  readonly onChange?: () => void;
}

export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const EntrySchema = v.object({
  key: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  providerId: v.string(),
  model: v.string(),
  output: v.string(),
  usage: v.object({ inputTokens: count, outputTokens: count, cacheReadTokens: count, cacheWriteTokens: count, reasoningTokens: count, estimated: v.boolean() }),
  costUsd: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  storedAt: v.pipe(v.number(), v.finite()),
});
export const CacheSnapshotSchema = v.object({ version: v.literal(1), entries: v.array(v.unknown()) });

export type CacheEntry = v.InferOutput<typeof EntrySchema>;
export interface CacheSnapshot {
  readonly version: 1;
  readonly entries: readonly CacheEntry[];
}

export class ResponseCache implements ResponseCachePort {
  /** In insertion order: the first entry is the oldest. */
  private readonly entries = new Map<string, CacheEntry>();
  private chars = 0;

  constructor(private readonly options: ResponseCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  lookup(request: CacheableRequest): CachedAnswer | undefined {
    if (!this.options.settings().enabled || !this.safeRequest(request)) return undefined;
    const key = this.options.keyOf(request);
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.delete(entry.key);
      this.options.onChange?.();
      return undefined;
    }
    return { output: entry.output, usage: entry.usage, costUsd: entry.costUsd, storedAt: entry.storedAt };
  }

  /** Stores a completed task's answer; returns whether it was stored. */
  store(task: Task): boolean {
    // A workflow's answer is its last step's, to a prompt of several requests: not one request's answer.
    if (!this.options.settings().enabled || task.status !== 'completed' || task.cached || task.steps || !task.usage || task.costUsd === undefined) return false;
    if (!task.output || !this.options.isSafe(task.output) || !this.safeRequest(task)) return false;
    const key = this.options.keyOf(task);
    if (key === undefined) return false;
    this.delete(key);
    this.insert({ key, providerId: task.providerId, model: task.model, output: task.output, usage: copyUsage(task.usage), costUsd: task.costUsd, storedAt: this.options.clock.now() });
    this.trim();
    this.options.onChange?.();
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
    this.options.onChange?.();
  }

  snapshot(): CacheSnapshot {
    return { version: 1, entries: [...this.entries.values()].filter((e) => !this.expired(e)) };
  }

  /** Loads a stored snapshot; entries that do not parse or have expired are skipped. Returns how many were loaded. */
  restore(raw: unknown): number {
    const parsed = v.safeParse(CacheSnapshotSchema, raw);
    if (!parsed.success) return 0;
    const valid = parsed.output.entries.flatMap((e) => {
      const entry = v.safeParse(EntrySchema, e);
      return entry.success && !this.expired(entry.output) && this.options.isSafe(entry.output.output) ? [entry.output] : [];
    });
    for (const entry of valid.sort((a, b) => a.storedAt - b.storedAt)) {
      this.delete(entry.key);
      this.insert(entry);
    }
    this.trim();
    return valid.length;
  }

  /** A prompt holding a key (pasted by mistake) is never keyed on, not even hashed. */
  private safeRequest(request: CacheableRequest): boolean {
    return this.options.isSafe(request.prompt) && (request.systemPrompt === undefined || this.options.isSafe(request.systemPrompt));
  }

  private expired(entry: CacheEntry): boolean {
    const age = this.options.clock.now() - entry.storedAt;
    return age < 0 || age >= this.options.settings().ttlMs;
  }

  private insert(entry: CacheEntry): void {
    this.entries.set(entry.key, entry);
    this.chars += entry.output.length;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.output.length;
  }

  private trim(): void {
    const maxEntries = this.options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const maxChars = this.options.maxChars ?? DEFAULT_MAX_CHARS;
    for (const entry of [...this.entries.values()]) {
      if (this.entries.size <= maxEntries && this.chars <= maxChars && !this.expired(entry)) break;
      this.delete(entry.key);
    }
  }
}

function copyUsage(u: TokenUsage): CacheEntry['usage'] {
  return { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cacheReadTokens: u.cacheReadTokens, cacheWriteTokens: u.cacheWriteTokens, reasoningTokens: u.reasoningTokens, estimated: u.estimated };
}
