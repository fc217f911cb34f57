// A fake OpenAI-compatible server that enforces requests-per-minute and tokens-per-minute limits
// with token buckets, the way providers do: over the limit it answers 429 at once. A request is
// charged its prompt tokens plus the tokens of the reply it is about to get (the fake knows its
// reply in advance). Per-minute limits are enforced over one-second windows (the bucket holds one
// second's worth), as OpenAI documents for its own limits. What it tells about its limits is a
// choice (`headers`): x-ratelimit-* on every answer as api.openai.com does ('all'), only on its
// 429s with retry-after and retry-after-ms ('on429'), or nothing but a whole-second retry-after
// ('none'). A reply can take as long as a model's (`replyMs`): headers at once, text spread out.
import { chatRequestFields } from './chatRequestFields';
import { startFakeHttpServer, type FakeHttpServer } from './fakeHttpServer';
import { fakeTokenCount } from './fakeTokenCount';
import { handleOpenAiChat, type OpenAiChatOptions } from './openAiChatHandler';
import { simulatedReply } from './simulatedReply';

export interface RateLimitServerOptions {
  readonly requestsPerMinute: number;
  /** Undefined: no token limit. */
  readonly tokensPerMinute?: number;
  /** How many seconds' worth of the limit may be spent at once (default 1). */
  readonly burstSeconds?: number;
  readonly chunkDelayMs?: number;
  /** What the server says about its limits (default 'all'). */
  readonly headers?: 'all' | 'on429' | 'none';
  /** How long each reply takes (default: a few milliseconds). */
  readonly replyMs?: number;
}

export interface RateLimitServerStats {
  readonly requests: number;
  readonly accepted: number;
  readonly rejected429: number;
  readonly tokensCharged: number;
  /** Most requests in flight at once, and the time-weighted average while any was. */
  readonly maxInFlight: number;
  readonly meanInFlight: number;
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
  const tokensBucket = options.tokensPerMinute !== undefined ? new Bucket(options.tokensPerMinute, (options.tokensPerMinute * burst) / 60) : undefined;
  const mode = options.headers ?? 'all';
  const chat: OpenAiChatOptions = { chunkDelayMs: options.chunkDelayMs ?? 2, slowChunkDelayMs: 1, slowChunkCount: 1, usage: true, extraHeaders: {}, flavor: 'openai' };
  let requests = 0;
  let accepted = 0;
  let rejected429 = 0;
  let tokensCharged = 0;

  // As OpenAI reports them: the per-minute limit, what is left of it (the limit minus what has not
  // refilled yet) and the time until it is whole again.
  const remaining = (bucket: Bucket): string => String(Math.max(0, Math.floor(bucket.perMinute - (bucket.capacity - bucket.refill()))));
  const headers = (): Record<string, string> => ({
    'x-ratelimit-limit-requests': String(options.requestsPerMinute),
    'x-ratelimit-remaining-requests': remaining(requestsBucket),
    'x-ratelimit-reset-requests': `${(requestsBucket.resetMs() / 1000).toFixed(3)}s`,
    ...(tokensBucket && {
      'x-ratelimit-limit-tokens': String(tokensBucket.perMinute),
      'x-ratelimit-remaining-tokens': remaining(tokensBucket),
      'x-ratelimit-reset-tokens': `${(tokensBucket.resetMs() / 1000).toFixed(3)}s`,
    }),
  });
  const refusalHeaders = (waitMs: number): Record<string, string> => {
    const retryAfter = String(Math.ceil(waitMs / 1000));
    if (mode === 'none') return { 'retry-after': retryAfter };
    if (mode === 'on429') return { 'retry-after': retryAfter, 'retry-after-ms': String(waitMs), 'x-ratelimit-reset-requests': `${(requestsBucket.resetMs() / 1000).toFixed(3)}s` };
    return { ...headers(), 'retry-after': retryAfter, 'retry-after-ms': String(waitMs) };
  };
  // Requests in flight over time: the most at once, and the average over the time any was.
  let inFlight = 0;
  let maxInFlight = 0;
  let busyMs = 0;
  let inFlightArea = 0;
  let lastChange = performance.now();
  const track = (delta: number): void => {
    const now = performance.now();
    if (inFlight > 0) {
      inFlightArea += inFlight * (now - lastChange);
      busyMs += now - lastChange;
    }
    lastChange = now;
    inFlight += delta;
    maxInFlight = Math.max(maxInFlight, inFlight);
  };

  const server = await startFakeHttpServer(async (exchange) => {
    requests += 1;
    const fields = chatRequestFields(exchange.request.body);
    const cost = fields ? fakeTokenCount(fields.allText) + fakeTokenCount(simulatedReply(fields.prompt, chat).text) : 0;
    const waitMs = Math.max(requestsBucket.waitMs(1), tokensBucket?.waitMs(cost) ?? 0);
    if (waitMs > 0) {
      rejected429 += 1;
      return handleOpenAiChat(exchange, chat, { kind: 'error', status: 429, headers: refusalHeaders(waitMs) });
    }
    requestsBucket.take(1);
    tokensBucket?.take(cost);
    accepted += 1;
    tokensCharged += cost;
    track(1);
    try {
      return await handleOpenAiChat(exchange, chat, { kind: 'reply', headers: mode === 'all' ? headers() : {}, ...(options.replyMs !== undefined && { durationMs: options.replyMs }) });
    } finally {
      track(-1);
    }
  });

  return {
    ...server,
    baseUrl: `${server.origin}/v1`,
    stats: () => ({ requests, accepted, rejected429, tokensCharged, maxInFlight, meanInFlight: busyMs > 0 ? inFlightArea / busyMs : 0 }),
  };
}
