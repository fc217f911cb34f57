// One circuit breaker per provider. After a run of failures that say "the provider is down"
// (server errors, overload, network, stalls) it opens: tasks stop calling the provider and wait
// instead of burning their retries. After a cool-down one probe goes through; its outcome closes
// the breaker or opens it again. Failures that are the caller's fault (auth, bad request, quota)
// and rate limits say nothing about availability, so they neither count nor reset the run.
import type { Clock } from '../domain/clock';
import type { Phrase } from '../domain/phrase';
import type { TaskFailure } from '../domain/taskFailure';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface CircuitBreakerOptions {
  /** Consecutive availability failures that open the breaker. */
  readonly failureThreshold: number;
  /** How long the breaker stays open before one probe may go through. */
  readonly coolDownMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: CircuitBreakerOptions = { failureThreshold: 5, coolDownMs: 30_000 };

/** What a task that wants to call the provider should do right now. */
export type BreakerVerdict =
  | { readonly kind: 'proceed' }
  /** `probeAt` is when the next probe may start; undefined while a probe is in flight. */
  | { readonly kind: 'wait'; readonly probeAt?: number };

/** Held by one attempt from its start to its end; `probe` marks the single half-open trial. */
export interface BreakerPermit {
  readonly probe: boolean;
}

/** How an attempt ended, as far as availability is concerned. */
export type AvailabilityOutcome = 'success' | 'failure' | 'neutral';

const PROCEED: BreakerVerdict = { kind: 'proceed' };

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  /** When the breaker first opened since it was last closed: the start of the outage. */
  private outageStart: number | undefined;
  private probeInFlight = false;
  private lastFailureMessage: Phrase | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER_OPTIONS,
  ) {}

  get currentState(): BreakerState {
    this.refresh();
    return this.state;
  }

  /** The message of the failure that last counted, for "why is this provider unavailable". */
  get lastFailure(): Phrase | undefined {
    return this.lastFailureMessage;
  }

  /** When the current outage began (the breaker first opened since it last closed); undefined when closed. */
  get unavailableSince(): number | undefined {
    return this.state === 'closed' ? undefined : this.outageStart;
  }

  /** A non-consuming look: may a task try to enter now? */
  verdict(): BreakerVerdict {
    this.refresh();
    if (this.state === 'closed') return PROCEED;
    if (this.state === 'open') return { kind: 'wait', probeAt: this.openedAt + this.options.coolDownMs };
    return this.probeInFlight ? { kind: 'wait' } : PROCEED;
  }

  /** Takes a permit for one attempt, or undefined when the attempt must not start. */
  tryEnter(): BreakerPermit | undefined {
    this.refresh();
    if (this.state === 'closed') return { probe: false };
    if (this.state === 'halfOpen' && !this.probeInFlight) {
      this.probeInFlight = true;
      return { probe: true };
    }
    return undefined;
  }

  record(permit: BreakerPermit, outcome: AvailabilityOutcome, failureMessage?: Phrase): void {
    if (permit.probe) this.probeInFlight = false;
    if (outcome === 'success') {
      this.consecutiveFailures = 0;
      // Any success proves the provider works, even one that started before the breaker opened.
      if (this.state !== 'closed') this.transition('closed');
      else if (permit.probe) this.notify();
      return;
    }
    if (outcome === 'neutral') {
      // An inconclusive probe (cancelled, rate limited) frees the way for the next one.
      if (permit.probe) this.notify();
      return;
    }
    this.lastFailureMessage = failureMessage ?? this.lastFailureMessage;
    if (permit.probe) {
      this.open();
      return;
    }
    // A straggler that started before the breaker opened is old news once it is open.
    if (this.state !== 'closed') return;
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.options.failureThreshold) this.open();
  }

  /** Called on every state change and when a probe ends; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private open(): void {
    this.openedAt = this.clock.now();
    this.outageStart ??= this.openedAt;
    this.transition('open');
  }

  private refresh(): void {
    if (this.state === 'open' && this.clock.now() >= this.openedAt + this.options.coolDownMs) this.state = 'halfOpen';
  }

  private transition(state: BreakerState): void {
    this.state = state;
    if (state === 'closed') {
      this.consecutiveFailures = 0;
      this.outageStart = undefined;
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Which failures say the provider itself is unavailable. */
export function availabilityOutcome(failure: TaskFailure | undefined): AvailabilityOutcome {
  if (!failure) return 'success';
  switch (failure.code) {
    case 'SERVER_ERROR':
    case 'OVERLOADED':
    case 'NETWORK':
      return 'failure';
    case 'TIMEOUT':
      // A stall or a 408 is the provider's doing; our own total deadline is not.
      return failure.limit === 'total' ? 'neutral' : 'failure';
    default:
      return 'neutral';
  }
}
