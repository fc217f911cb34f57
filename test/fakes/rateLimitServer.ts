// A fake OpenAI-compatible server that enforces requests-per-minute and tokens-per-minute limits
// with token buckets, the way providers do: over the limit it answers 429 with Retry-After (and
// retry-after-ms), and every answer carries x-ratelimit-* headers. A request is charged its prompt
// tokens plus the tokens of the reply it is about to get (the fake knows its reply in advance).
// Per-minute limits are enforced over one-second windows (the bucket holds one second's worth),
// as OpenAI documents for its own limits.
import { chatRequestFields } from './chatRequestFields';
import { startFakeHttpServer, type FakeHttpServer } from './fakeHttpServer';
import { fakeTokenCount } from './fakeTokenCount';
import { handleOpenAiChat, type OpenAiChatOptions } from './openAiChatHandler';
import { simulatedReply } from './simulatedReply';

export interface RateLimitServerOptions {
  readonly requestsPerMinute: number;
  readonly tokensPerMinute: number;
  /** How many seconds' worth of the limit may be spent at once (default 1). */
  readonly burstSeconds?: number;
  readonly chunkDelayMs?: number;
  /** Send x-ratelimit-* headers (default true); without them a client only learns from 429s. */
  readonly rateLimitHeaders?: boolean;
}

export interface RateLimitServerStats {
  readonly requests: number;
  readonly accepted: number;
  readonly rejected429: number;
  readonly tokensCharged: number;
}

export interface RateLimitServer extends FakeHttpServer {
  readonly baseUrl: string;
  stats(): RateLimitServerStats;
}

class Bucket {
  private level: number;
  private at = performance.now();

  constructor(
    readonly perMinute: number,
    readonly capacity: number,
  ) {
    this.level = capacity;
  }

  refill(): number {
    const now = performance.now();
    this.level = Math.min(this.capacity, this.level + ((now - this.at) * this.perMinute) / 60_000);
    this.at = now;
    return this.level;
  }

  /** Milliseconds until `amount` (at most a full bucket) is there. */
  waitMs(amount: number): number {
    const missing = Math.min(amount, this.capacity) - this.refill();
    return missing <= 0 ? 0 : Math.ceil((missing * 60_000) / this.perMinute);
  }

  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }

  /** Milliseconds until the bucket is full again. */
  resetMs(): number {
    return Math.max(0, Math.ceil(((this.capacity - this.refill()) * 60_000) / this.perMinute));
  }
}

export async function startRateLimitServer(options: RateLimitServerOptions): Promise<RateLimitServer> {
  const burst = options.burstSeconds ?? 1;
  const requestsBucket = new Bucket(options.requestsPerMinute, (options.requestsPerMinute * burst) / 60);
  const tokensBucket = new Bucket(options.tokensPerMinute, (options.tokensPerMinute * burst) / 60);
  const chat: OpenAiChatOptions = { chunkDelayMs: options.chunkDelayMs ?? 2, slowChunkDelayMs: 1, slowChunkCount: 1, usage: true, extraHeaders: {}, flavor: 'openai' };
  let requests = 0;
  let accepted = 0;
  let rejected429 = 0;
  let tokensCharged = 0;

  // As OpenAI reports them: the per-minute limit, what is left of it (the limit minus what has not
  // refilled yet) and the time until it is whole again.
  const remaining = (bucket: Bucket): string => String(Math.max(0, Math.floor(bucket.perMinute - (bucket.capacity - bucket.refill()))));
  const headers = (): Record<string, string> => (options.rateLimitHeaders === false ? {} : {
    'x-ratelimit-limit-requests': String(options.requestsPerMinute),
    'x-ratelimit-remaining-requests': remaining(requestsBucket),
    'x-ratelimit-reset-requests': `${(requestsBucket.resetMs() / 1000).toFixed(3)}s`,
    'x-ratelimit-limit-tokens': String(options.tokensPerMinute),
    'x-ratelimit-remaining-tokens': remaining(tokensBucket),
    'x-ratelimit-reset-tokens': `${(tokensBucket.resetMs() / 1000).toFixed(3)}s`,
  });

  const server = await startFakeHttpServer(async (exchange) => {
    requests += 1;
    const fields = chatRequestFields(exchange.request.body);
    const cost = fields ? fakeTokenCount(fields.allText) + fakeTokenCount(simulatedReply(fields.prompt, chat).text) : 0;
    const waitMs = Math.max(requestsBucket.waitMs(1), tokensBucket.waitMs(cost));
    if (waitMs > 0) {
      rejected429 += 1;
      return handleOpenAiChat(exchange, chat, {
        kind: 'error',
        status: 429,
        headers: { ...headers(), 'retry-after': String(Math.ceil(waitMs / 1000)), 'retry-after-ms': String(waitMs) },
      });
    }
    requestsBucket.take(1);
    tokensBucket.take(cost);
    accepted += 1;
    tokensCharged += cost;
    return handleOpenAiChat(exchange, chat, { kind: 'reply', headers: headers() });
  });

  return {
    ...server,
    baseUrl: `${server.origin}/v1`,
    stats: () => ({ requests, accepted, rejected429, tokensCharged }),
  };
}
