// Everything that decides whether a provider may take one more request right now: its circuit
// breaker, its rate pacer (requests and tokens per minute) and its learned concurrency limit. The
// scheduler asks it for admission, the runner reports each attempt's start and end, and the
// answers (429s, rate-limit headers, failures, usage) flow back into all three.
import { AdaptiveConcurrency, DEFAULT_ADAPTIVE_CEILING, lowHeadroom } from './adaptiveConcurrency';
import { advertisedLimits } from './advertisedLimits';
import type { RateLimitSnapshot } from '../domain/chatProvider';
import { availabilityOutcome, CircuitBreaker, DEFAULT_BREAKER_OPTIONS, type CircuitBreakerOptions } from './circuitBreaker';
import type { Clock } from '../domain/clock';
import type { ProviderLimits, ProviderLimitsById } from './providerLimits';
import { RatePacer, type RateLimits } from './ratePacer';
import type { TaskFailure } from '../domain/taskFailure';
import { totalTokens, type TokenUsage } from '../domain/tokenUsage';

/** Output tokens assumed for a provider's request until its real answers have been seen. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;
/** Weight of the newest observation in the running estimate of output tokens. */
const OUTPUT_ESTIMATE_ALPHA = 0.2;
/** A server-requested pause applies to the whole provider, but never for longer than this. */
const MAX_PROVIDER_HOLD_MS = 60_000;

export interface AdmissionRequest {
  readonly taskId: string;
  readonly providerId: string;
  /** Scheduler priority weight: larger goes first. */
  readonly weight: number;
  /** Estimated prompt tokens (chars / 4); the expected output is added here. */
  readonly promptTokens: number;
  readonly signal: AbortSignal;
}

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

/** One attempt's hold on its provider, from start to end. */
export interface AttemptTicket {
  observeRateLimit(limits: RateLimitSnapshot): void;
  end(report: AttemptReport): void;
}

export interface ProviderGovernorsOptions {
  readonly clock: Clock;
  readonly breaker?: CircuitBreakerOptions;
  /** A provider's concurrency limit changed; the scheduler re-reads `concurrency()`. */
  readonly onConcurrencyChange: () => void;
}

class ProviderGovernor {
  readonly breaker: CircuitBreaker;
  readonly pacer: RatePacer;
  readonly adaptive: AdaptiveConcurrency;
  /** What the settings say. */
  limits: ProviderLimits = {};
  /** Per-minute limits the provider's own headers proved; the settings win where both exist. */
  advertised: RateLimits = {};
  /** What the pacer enforces: configured, else advertised. */
  paced: RateLimits = {};
  inFlight = 0;
  expectedOutputTokens: number | undefined;

  constructor(clock: Clock, breakerOptions: CircuitBreakerOptions) {
    this.breaker = new CircuitBreaker(clock, breakerOptions);
    this.pacer = new RatePacer(clock);
    this.adaptive = new AdaptiveConcurrency();
  }

  apply(limits: ProviderLimits): void {
    this.limits = limits;
    this.repace();
    this.adaptive.setCeiling(limits.concurrency ?? DEFAULT_ADAPTIVE_CEILING);
  }

  /** Adopts limits read from the provider's headers; a change under 1 % is not worth re-pacing. */
  learn(snapshot: RateLimitSnapshot): void {
    const learned = advertisedLimits(snapshot);
    const changed = (next: number | undefined, current: number | undefined): boolean =>
      next !== undefined && (current === undefined || Math.abs(next - current) > current * 0.01);
    if (changed(learned.requestsPerMinute, this.advertised.requestsPerMinute) || changed(learned.tokensPerMinute, this.advertised.tokensPerMinute)) {
      this.advertised = { ...this.advertised, ...learned };
      this.repace();
    }
    // Only figures proven per-minute say how much of the window is spent (a per-day count does not).
    this.pacer.observeUsed({
      ...(learned.requestsPerMinute !== undefined && { requests: learned.requestsPerMinute - (snapshot.remainingRequests ?? learned.requestsPerMinute) }),
      ...(learned.tokensPerMinute !== undefined && { tokens: learned.tokensPerMinute - (snapshot.remainingTokens ?? learned.tokensPerMinute) }),
    });
  }

  private repace(): void {
    const requestsPerMinute = this.limits.requestsPerMinute ?? this.advertised.requestsPerMinute;
    const tokensPerMinute = this.limits.tokensPerMinute ?? this.advertised.tokensPerMinute;
    this.paced = {
      ...(requestsPerMinute !== undefined && { requestsPerMinute }),
      ...(tokensPerMinute !== undefined && { tokensPerMinute }),
    };
    this.pacer.setLimits(this.paced);
  }
}

export class ProviderGovernors {
  private readonly governors = new Map<string, ProviderGovernor>();
  private readonly grants = new Map<string, { readonly providerId: string; readonly tokens: number }>();
  private limitsById: ProviderLimitsById = {};
  private held = false;

  constructor(private readonly options: ProviderGovernorsOptions) {}

  setLimits(limitsById: ProviderLimitsById): void {
    this.limitsById = limitsById;
    for (const [providerId, governor] of this.governors) governor.apply(limitsById[providerId] ?? {});
    this.options.onConcurrencyChange();
  }

  /** The provider's concurrency: the configured limit, lowered while the provider is congested. */
  concurrency(providerId: string): number {
    const governor = this.governors.get(providerId);
    const configured = this.limitsById[providerId]?.concurrency ?? Infinity;
    if (!governor?.adaptive.reduced) return configured;
    return Math.min(configured, governor.adaptive.value);
  }

  breaker(providerId: string): CircuitBreaker {
    return this.governor(providerId).breaker;
  }

  /** Waits for rate budget; undefined when the request may go at once. */
  admit(request: AdmissionRequest): Promise<void> | undefined {
    const governor = this.governor(request.providerId);
    const tokens = request.promptTokens + (governor.expectedOutputTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS);
    const grant = { providerId: request.providerId, tokens };
    const wait = governor.pacer.acquire(request.taskId, tokens, request.weight, request.signal);
    if (!wait) {
      this.grants.set(request.taskId, grant);
      return undefined;
    }
    return wait.then(() => void this.grants.set(request.taskId, grant));
  }

  setPriority(taskId: string, weight: number): void {
    for (const governor of this.governors.values()) governor.pacer.setPriority(taskId, weight);
  }

  /** While the queue is paused, rate budget is not handed out. */
  setHeld(held: boolean): void {
    this.held = held;
    for (const governor of this.governors.values()) governor.pacer.setHeld(held);
  }

  /** Starts an attempt, or returns undefined when the provider's breaker does not let it start. */
  begin(providerId: string, taskId: string): AttemptTicket | undefined {
    const governor = this.governor(providerId);
    const permit = governor.breaker.tryEnter();
    if (!permit) return undefined;
    const { clock } = this.options;
    const startedAt = clock.now();
    governor.inFlight += 1;
    let ended = false;
    const congestion = (): void => {
      if (governor.adaptive.onCongestion(startedAt, clock.now(), governor.inFlight)) this.options.onConcurrencyChange();
    };
    const observeRateLimit = (limits: RateLimitSnapshot): void => {
      governor.learn(limits);
      const paced = { requests: governor.paced.requestsPerMinute !== undefined, tokens: governor.paced.tokensPerMinute !== undefined };
      if (lowHeadroom(limits, paced)) congestion();
    };
    return {
      observeRateLimit,
      end: (report) => {
        if (ended) return;
        ended = true;
        governor.breaker.record(permit, availabilityOutcome(report.failure), report.failure?.message);
        this.settle(governor, taskId, report);
        if (report.rateLimits) observeRateLimit(report.rateLimits);
        if (report.failure?.code === 'RATE_LIMITED') {
          if (report.retryAfterMs !== undefined) governor.pacer.holdFor(Math.min(report.retryAfterMs, MAX_PROVIDER_HOLD_MS));
          congestion();
        } else if (!report.failure && governor.adaptive.onSuccess()) {
          this.options.onConcurrencyChange();
        }
        governor.inFlight -= 1;
      },
    };
  }

  /** Returns the rate budget of a grant whose request was never sent. */
  release(taskId: string): void {
    const grant = this.grants.get(taskId);
    if (!grant) return;
    this.grants.delete(taskId);
    this.governors.get(grant.providerId)?.pacer.settle(grant.tokens, 0);
  }

  private settle(governor: ProviderGovernor, taskId: string, report: AttemptReport): void {
    const usage = report.usage;
    if (usage && !report.failure) {
      const previous = governor.expectedOutputTokens;
      governor.expectedOutputTokens = previous === undefined ? usage.outputTokens : previous + OUTPUT_ESTIMATE_ALPHA * (usage.outputTokens - previous);
    }
    const grant = this.grants.get(taskId);
    if (!grant) return;
    this.grants.delete(taskId);
    governor.pacer.settle(grant.tokens, actualTokens(report));
  }

  private governor(providerId: string): ProviderGovernor {
    let governor = this.governors.get(providerId);
    if (!governor) {
      governor = new ProviderGovernor(this.options.clock, this.options.breaker ?? DEFAULT_BREAKER_OPTIONS);
      governor.apply(this.limitsById[providerId] ?? {});
      governor.pacer.setHeld(this.held);
      this.governors.set(providerId, governor);
    }
    return governor;
  }
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
