// Everything that decides whether one provider may take one more request right now: its circuit
// breaker, its request rate (configured, advertised, or learned: requestRate.ts), its tokens per
// minute, a hold asked for by a 429's retry-after, and its in-flight cap. The scheduler asks
// `readiness` before it grants a slot; each attempt's answers flow back through its ProviderSlot.
import type { RateLimitSnapshot } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import type { TaskFailure } from '../domain/taskFailure';
import { totalTokens, type TokenUsage } from '../domain/tokenUsage';
import { advertisedLimits } from './advertisedLimits';
import { availabilityOutcome, CircuitBreaker, type CircuitBreakerOptions } from './circuitBreaker';
import type { ProviderLimits } from './providerLimits';
import { RequestRate } from './requestRate';
import { TokenBucket } from './tokenBucket';

/** Output tokens assumed for a request until the provider's real answers have been seen. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;
const OUTPUT_ESTIMATE_ALPHA = 0.2;
/** A server-requested pause applies to the whole provider, but never for longer than this. */
const MAX_PROVIDER_HOLD_MS = 60_000;
/** A bare retry-after of a few whole seconds is a rounded-up wait for one request (see holdsProvider). */
const ROUNDED_RETRY_AFTER_MAX_MS = 5_000;

/**
 * Whether a 429's retry-after holds every request to the provider, or only the refused one. It
 * holds them all when the server says more than "this request, later": rate-limit headers (the
 * account's budget is spent), a precise sub-second wait (the time until the bucket has room), or a
 * long wait (a window reset). A bare retry-after of a few whole seconds is the server's wait for
 * one token rounded up: holding every request for it idled the provider for most of each second
 * (measured: 100 tasks at 5/s went from 1.11x to … of the minimum), while the refused request alone
 * waits it out and the pacer keeps the others at the rate the refusal taught.
 */
export function holdsProvider(report: Pick<AttemptReport, 'retryAfterMs' | 'rateLimits'>): boolean {
  const wait = report.retryAfterMs;
  if (wait === undefined) return false;
  return report.rateLimits !== undefined || wait % 1000 !== 0 || wait > ROUNDED_RETRY_AFTER_MAX_MS;
}
/**
 * Bursts of a configured or advertised limit are half a second's worth. Providers enforce
 * per-minute limits over shorter windows (OpenAI documents 60,000 RPM enforced as 1,000 requests
 * per second), and the server's bucket runs behind ours by each request's network delay: a bucket
 * as big as the server's lands just short of it (measured: 106 of 599 requests drew a 429 with a
 * one-second bucket, none with half a second). A learned rate gets no burst at all.
 */
const BURST_WINDOW_MS = 500;

export type Readiness =
  | { readonly kind: 'ready' }
  /** The provider's in-flight cap is reached; a finishing request frees a place. */
  | { readonly kind: 'full' }
  /** Timed: the rate, the token budget or a 429's hold. */
  | { readonly kind: 'wait'; readonly ms: number; readonly reason: 'rate' | 'tokens' | 'hold' }
  /** The breaker is open; `probeAt` is when the next probe may go (undefined while one is out). */
  | { readonly kind: 'unavailable'; readonly probeAt?: number };

/** How one attempt ended, as the governor needs to know it. */
export interface AttemptReport {
  /** Undefined when the attempt succeeded. */
  readonly failure?: TaskFailure;
  readonly retryAfterMs?: number;
  readonly rateLimits?: RateLimitSnapshot;
  readonly usage?: TokenUsage;
  /** Estimated tokens of the prompt plus whatever output arrived, for when usage is unknown. */
  readonly estimatedTokens: number;
}

/** One attempt's hold on its provider, from the grant to its end. */
export interface ProviderSlot {
  readonly providerId: string;
  observeRateLimit(limits: RateLimitSnapshot): void;
  /** Ends the attempt (idempotent): answers go back into the governor and the place is freed. */
  end(report: AttemptReport): void;
}

export interface GovernorDefaults {
  /** In-flight cap of a local server when the user set none: it processes a few requests at once. */
  readonly localConcurrency: number;
  /** Requests per second a remote provider with unknown limits starts at (Infinity: no slow start). */
  readonly startRequestsPerSecond: number;
}

export const DEFAULT_GOVERNOR_DEFAULTS: GovernorDefaults = { localConcurrency: 4, startRequestsPerSecond: 4 };

export class ProviderGovernor {
  readonly breaker: CircuitBreaker;
  private readonly rate: RequestRate;
  private requestBucket: TokenBucket | undefined;
  private tokenBucket: TokenBucket | undefined;
  private limits: ProviderLimits = {};
  private advertisedTokensPerMinute: number | undefined;
  private holdUntil = 0;
  private expectedOutput: number | undefined;
  inFlight = 0;

  constructor(
    readonly providerId: string,
    readonly local: boolean,
    private readonly clock: Clock,
    breakerOptions: CircuitBreakerOptions,
    private readonly defaults: GovernorDefaults,
    /** The governor's answer may have changed earlier than the scheduler expected (hold, rate, breaker). */
    private readonly onChange: () => void,
  ) {
    this.breaker = new CircuitBreaker(clock, breakerOptions);
    this.breaker.onChange(onChange);
    this.rate = new RequestRate(local ? Infinity : defaults.startRequestsPerSecond, clock.now());
    this.rebucket();
  }

  get cap(): number {
    return this.limits.concurrency ?? (this.local ? this.defaults.localConcurrency : Infinity);
  }

  /** What is being paced to right now, for the status line and the log. */
  get pacing(): { readonly requestsPerSecond: number; readonly source: string } {
    return { requestsPerSecond: this.rate.perSecond, source: this.rate.source };
  }

  apply(limits: ProviderLimits): void {
    this.limits = limits;
    const now = this.clock.now();
    this.rate.configure(limits.requestsPerMinute !== undefined ? limits.requestsPerMinute / 60 : undefined, now);
    this.rebucket();
  }

  /** Tokens charged for a request: its prompt plus the output expected from this provider. */
  charge(promptTokens: number): number {
    return promptTokens + (this.expectedOutput ?? DEFAULT_EXPECTED_OUTPUT_TOKENS);
  }

  readiness(tokens: number): Readiness {
    const verdict = this.breaker.verdict();
    if (verdict.kind === 'wait') return { kind: 'unavailable', ...(verdict.probeAt !== undefined && { probeAt: verdict.probeAt }) };
    if (this.inFlight >= this.cap) return { kind: 'full' };
    const now = this.clock.now();
    if (this.rate.tick(now)) this.rebucket();
    if (this.holdUntil > now) return { kind: 'wait', ms: this.holdUntil - now, reason: 'hold' };
    const rateMs = this.requestBucket?.waitMs(1, now) ?? 0;
    if (rateMs > 0) {
      this.rate.noteDemand();
      return { kind: 'wait', ms: rateMs, reason: 'rate' };
    }
    const tokenMs = this.tokenBucket?.waitMs(tokens, now) ?? 0;
    return tokenMs > 0 ? { kind: 'wait', ms: tokenMs, reason: 'tokens' } : { kind: 'ready' };
  }

  /** Takes a place for one attempt; only after `readiness` said ready. */
  grant(tokens: number, onEnd: () => void): ProviderSlot | undefined {
    const permit = this.breaker.tryEnter();
    if (!permit) return undefined;
    const sentAt = this.clock.now();
    this.requestBucket?.take(1, sentAt);
    this.tokenBucket?.take(tokens, sentAt);
    const sendIndex = this.rate.sent(sentAt);
    this.inFlight += 1;
    let ended = false;
    const observeRateLimit = (limits: RateLimitSnapshot): void => this.learn(limits);
    return {
      providerId: this.providerId,
      observeRateLimit,
      end: (report) => {
        if (ended) return;
        ended = true;
        this.inFlight -= 1;
        this.breaker.record(permit, availabilityOutcome(report.failure), report.failure?.reason);
        if (report.rateLimits) this.learn(report.rateLimits);
        this.settleTokens(tokens, report);
        if (report.failure?.code === 'RATE_LIMITED') this.refused(sendIndex, sentAt, report.retryAfterMs, report.rateLimits !== undefined);
        onEnd();
      },
    };
  }

  private refused(sendIndex: number, sentAt: number, retryAfterMs: number | undefined, withHeaders: boolean): void {
    const now = this.clock.now();
    if (retryAfterMs !== undefined && holdsProvider({ retryAfterMs, ...(withHeaders && { rateLimits: {} }) })) {
      this.holdUntil = Math.max(this.holdUntil, now + Math.min(retryAfterMs, MAX_PROVIDER_HOLD_MS));
      this.rate.held(now, this.holdUntil);
    }
    if (this.rate.refusal(sendIndex, sentAt, now, retryAfterMs, withHeaders)) this.rebucket();
  }

  /** Adopts limits the provider's headers prove, and never shows more room than they say is left. */
  private learn(snapshot: RateLimitSnapshot): void {
    const now = this.clock.now();
    const learned = advertisedLimits(snapshot);
    if (learned.requestsPerMinute !== undefined) this.rate.advertise(learned.requestsPerMinute / 60, now);
    if (learned.tokensPerMinute !== undefined && learned.tokensPerMinute !== this.advertisedTokensPerMinute) this.advertisedTokensPerMinute = learned.tokensPerMinute;
    this.rebucket();
    // Only figures proven per-minute say how much of the window is spent (a per-day count does not).
    if (learned.requestsPerMinute !== undefined) this.requestBucket?.capAtUsed(learned.requestsPerMinute - (snapshot.remainingRequests ?? learned.requestsPerMinute), now);
    if (learned.tokensPerMinute !== undefined) this.tokenBucket?.capAtUsed(learned.tokensPerMinute - (snapshot.remainingTokens ?? learned.tokensPerMinute), now);
  }

  private settleTokens(charged: number, report: AttemptReport): void {
    const usage = report.usage;
    if (usage && !report.failure) {
      const previous = this.expectedOutput;
      this.expectedOutput = previous === undefined ? usage.outputTokens : previous + OUTPUT_ESTIMATE_ALPHA * (usage.outputTokens - previous);
    }
    this.tokenBucket?.give(charged - actualTokens(report), this.clock.now());
  }

  /** Rebuilds the buckets for the current request rate and token limit; levels carry over. */
  private rebucket(): void {
    const now = this.clock.now();
    const perSecond = this.rate.perSecond;
    const source = this.rate.source;
    const burst = source === 'starting' ? perSecond : (perSecond * BURST_WINDOW_MS) / 1000;
    this.requestBucket = Number.isFinite(perSecond) ? bucket(this.requestBucket, perSecond / 1000, Math.max(1, burst), now) : undefined;
    const tokensPerMinute = this.limits.tokensPerMinute ?? this.advertisedTokensPerMinute;
    this.tokenBucket = tokensPerMinute !== undefined ? bucket(this.tokenBucket, tokensPerMinute / 60_000, (tokensPerMinute * BURST_WINDOW_MS) / 60_000, now) : undefined;
  }
}

function bucket(existing: TokenBucket | undefined, ratePerMs: number, capacity: number, now: number): TokenBucket {
  if (!existing) return new TokenBucket(ratePerMs, capacity, now);
  existing.reconfigure(ratePerMs, capacity, now);
  return existing;
}

/**
 * Tokens the provider will have counted for the attempt: its reported usage when there is one; 0
 * for an error response with no output (it was refused at the door); otherwise the estimate.
 */
function actualTokens(report: AttemptReport): number {
  if (report.usage) return totalTokens(report.usage);
  if (report.failure?.status !== undefined && report.failure.status >= 400) return 0;
  return report.estimatedTokens;
}
