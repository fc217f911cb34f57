// Paces one provider's requests to its requests-per-minute and tokens-per-minute limits. Waiting
// requests are granted in priority order (FIFO within a priority), not in arrival order, so an
// urgent task never queues behind a backlog that is only waiting for rate budget. A token estimate
// is charged when a request is granted and corrected when its real usage is known.
import type { Clock, TimerHandle } from '../domain/clock';
import { TokenBucket } from './tokenBucket';

export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/**
 * Bursts are limited to half a second's worth of the limit. Providers enforce per-minute limits
 * over shorter windows (OpenAI documents 60,000 RPM being enforced as 1,000 requests per second),
 * so spending a minute's budget at once draws 429s even though the minute's total is fine. Half
 * of that one-second window, not all of it, because the server's bucket runs behind ours by each
 * request's network delay: when the delays vary, a bucket as big as the server's lands just short
 * of it. The smaller bucket costs no throughput (both refill at the limit's rate); measured on
 * bench/rateLimitBench: with a one-second bucket 106 of 599 requests drew a 429 and 7 tasks failed,
 * with half a second none did.
 */
export const BURST_WINDOW_MS = 500;

interface Waiter {
  readonly taskId: string;
  readonly seq: number;
  readonly tokens: number;
  weight: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

export class RatePacer {
  private requestBucket: TokenBucket | undefined;
  private tokenBucket: TokenBucket | undefined;
  /** Sorted: highest weight first, then lowest seq. */
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private timer: TimerHandle | undefined;
  private holdUntil = 0;
  private held = false;

  constructor(
    private readonly clock: Clock,
    limits: RateLimits = {},
  ) {
    this.setLimits(limits);
  }

  /** True when a requests or tokens limit is configured. */
  get limited(): boolean {
    return this.requestBucket !== undefined || this.tokenBucket !== undefined;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  setLimits(limits: RateLimits): void {
    const now = this.clock.now();
    this.requestBucket = bucketFor(this.requestBucket, limits.requestsPerMinute, now);
    this.tokenBucket = bucketFor(this.tokenBucket, limits.tokensPerMinute, now);
    this.pump();
  }

  /**
   * Resolves when the request may be sent, or returns undefined when it may be sent right away
   * (so an unlimited provider costs no extra promise hop). Rejects with the signal's reason when
   * aborted while waiting.
   */
  acquire(taskId: string, tokens: number, weight: number, signal: AbortSignal): Promise<void> | undefined {
    if (this.waiters.length === 0 && this.readyInMs(tokens) === 0) {
      this.take(tokens);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        taskId,
        seq: this.seq++,
        tokens,
        weight,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.remove(waiter);
          reject(signal.reason);
          this.pump();
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.insert(waiter);
      this.pump();
    });
  }

  setPriority(taskId: string, weight: number): void {
    const waiter = this.waiters.find((w) => w.taskId === taskId);
    if (!waiter) return;
    this.remove(waiter);
    waiter.weight = weight;
    this.insert(waiter);
    this.pump();
  }

  /** Corrects the estimate charged at grant time once the request's real token count is known. */
  settle(chargedTokens: number, actualTokens: number): void {
    this.tokenBucket?.give(chargedTokens - actualTokens, this.clock.now());
    this.pump();
  }

  /**
   * The provider's own count of what is spent and not yet refilled in its per-minute window (limit
   * minus remaining). Our buckets never show more room than that, so a bucket created or refilled
   * while the provider's was empty (the limits were just learned, another client shares the key)
   * does not send a burst into 429s.
   */
  observeUsed(used: { readonly requests?: number; readonly tokens?: number }): void {
    const now = this.clock.now();
    if (used.requests !== undefined) this.requestBucket?.capAtUsed(used.requests, now);
    if (used.tokens !== undefined) this.tokenBucket?.capAtUsed(used.tokens, now);
  }

  /** The provider asked everyone to back off (a 429 with retry-after): grant nothing before then. */
  holdFor(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.clock.now() + ms);
    this.pump();
  }

  /** While held (the queue is paused) nothing is granted, so no budget is spent on work that cannot start. */
  setHeld(held: boolean): void {
    this.held = held;
    this.pump();
  }

  private readyInMs(tokens: number): number {
    const now = this.clock.now();
    if (this.held && this.limited) return Infinity;
    return Math.max(0, this.holdUntil - now, this.requestBucket?.waitMs(1, now) ?? 0, this.tokenBucket?.waitMs(tokens, now) ?? 0);
  }

  private take(tokens: number): void {
    const now = this.clock.now();
    this.requestBucket?.take(1, now);
    this.tokenBucket?.take(tokens, now);
  }

  private pump(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    for (let head = this.waiters[0]; head; head = this.waiters[0]) {
      const wait = this.readyInMs(head.tokens);
      if (wait === Infinity) return;
      if (wait > 0) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      this.waiters.shift();
      head.signal.removeEventListener('abort', head.onAbort);
      this.take(head.tokens);
      head.resolve();
    }
  }

  private insert(waiter: Waiter): void {
    let lo = 0;
    let hi = this.waiters.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.waiters[mid]!;
      if (other.weight > waiter.weight || (other.weight === waiter.weight && other.seq < waiter.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.waiters.splice(lo, 0, waiter);
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index !== -1) this.waiters.splice(index, 1);
  }
}

function bucketFor(existing: TokenBucket | undefined, perMinute: number | undefined, now: number): TokenBucket | undefined {
  if (perMinute === undefined || !(perMinute > 0) || !Number.isFinite(perMinute)) return undefined;
  const ratePerMs = perMinute / 60_000;
  const capacity = ratePerMs * BURST_WINDOW_MS;
  if (!existing) return new TokenBucket(ratePerMs, capacity, now);
  existing.reconfigure(ratePerMs, capacity, now);
  return existing;
}
