// The request rate one provider is paced to, learned from everything it says. A request-rate limit
// is met by sending at that rate, never by shrinking concurrency: in flight then settles at
// rate × reply time by itself (Little's law), so a slow model gets as many requests in flight as it
// needs and a fast one few.
//
//   configured  the user's requestsPerMinute: fixed; a 429 only holds the provider for its retry-after.
//   advertised  limits proven by the provider's own headers (see advertisedLimits.ts).
//   starting    a remote provider whose limit nobody knows yet: start at a modest rate and raise it
//               by half every second spent sending at full rate without a refusal (slow start, as TCP does),
//               so a first batch of a hundred does not meet the limit as a hundred 429s.
//   learned     after 429s that show a rate limit: the lower of what the provider accepted over the
//               last window and what the refusals say (a sub-second retry-after is the time a token
//               bucket takes to refill one request). Then probe upward, a little more each time,
//               while whole windows pass without a refusal.
//   none        unpaced (local servers, and a provider with slow start turned off).
//
// A 429 shows a rate limit when it carries rate-limit headers; when a remote provider refuses
// during slow start or again within the window; or when refusals are a real share of what was sent
// in it. A lone 429 that does not line up with our own send rate (a busy shared key, a flaky
// proxy) only holds the provider for its retry-after and stops the rate from growing, and a local
// server's 429s never set a rate (measured in the chaos suite: random 429s on one request in ten
// took a learned rate from unlimited to under 2 requests a second when every 429 counted).

export type RateSource = 'configured' | 'advertised' | 'starting' | 'learned' | 'none';

/** A sub-second retry-after reads as one request's refill time; a whole second or more (a rounded
 * "retry-after: 1", a window reset) says nothing about the rate. */
const REFILL_HINT_MAX_MS = 1_000;
/** How far back sends are counted when measuring what the provider accepted: ten sends' worth, within these bounds. */
const MIN_WINDOW_MS = 2_000;
const MAX_WINDOW_MS = 30_000;
/** Refusals are counted over the last ten sends' worth (at least 2 s): they must show quickly. */
const DETECTION_SENDS = 10;
/** What was accepted is measured over twenty-five (at least 4 s): a server's burst averages out. */
const ACCEPTANCE_SENDS = 25;
const MIN_ACCEPTANCE_WINDOW_MS = 4_000;
/** A rate set from what was accepted stays a little under it, so it is not the next 429's cause. */
const ACCEPTANCE_MARGIN = 0.95;
/** Without headers, refusals must be at least this share of the window's sends to show a limit. */
const REFUSED_SHARE = 0.2;
const SLOW_START_STEP_MS = 1_000;
const PROBE_INTERVAL_MS = 2_000;
/** Probing starts at +5 %, doubles with every clean probe and grows by a quarter at most: a
 * bigger jump overshoots, and the refusal that shows it may come many seconds later (a server's
 * burst drains slowly when the excess is small). */
const FIRST_PROBE_STEP = 0.05;
const MAX_PROBE_STEP = 0.25;
/** Slow start grows by half each busy second: doubling overshot a limit by up to twice its rate. */
const SLOW_START_GROWTH = 1.5;
/** Never pace below one request a minute, whatever a run of refusals suggested. */
const MIN_PER_SECOND = 1 / 60;
const SEND_LOG_SIZE = 512;
/** Fewer sends than this in the window make its share of refusals meaningless. */
const MIN_SAMPLES = 10;
/** Fewer sends than this say too little about the rate the provider accepts. */
const MIN_ACCEPTANCE_SAMPLES = 4;

export class RequestRate {
  private rate: number;
  private origin: RateSource;
  /** Ceiling for probing: the advertised rate when one was proven. */
  private ceiling = Infinity;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private stepStartedAt: number;
  private probeStep = FIRST_PROBE_STEP;
  /** Whether the pacer held a request back for rate since the last step: growth needs demand. */
  private demandSinceStep = false;
  /** A refusal since the last step: the rate does not grow past a window with one in it. */
  private refusedSinceStep = false;
  /** When a probe last raised the rate, and what it was before: a refusal after it undoes it. */
  private probedAt = Number.NEGATIVE_INFINITY;
  private cleanProbes = 0;
  /** Send times of recent requests (a ring), and which of them were refused. */
  private readonly sends = new Float64Array(SEND_LOG_SIZE);
  private readonly refused = new Uint8Array(SEND_LOG_SIZE);
  private sendCount = 0;
  /** Recent holds the provider asked for (from, until): time nothing could be sent is not counted. */
  private readonly holds: { from: number; until: number }[] = [];

  constructor(
    private readonly startPerSecond: number,
    now: number,
  ) {
    this.origin = Number.isFinite(startPerSecond) ? 'starting' : 'none';
    this.rate = Number.isFinite(startPerSecond) ? startPerSecond : Infinity;
    this.stepStartedAt = now;
  }

  /** Requests per second to pace to; Infinity when unpaced. */
  get perSecond(): number {
    return this.rate;
  }

  get source(): RateSource {
    return this.origin;
  }

  /** The user's limit; undefined goes back to learning. */
  configure(perSecond: number | undefined, now: number): void {
    if (perSecond !== undefined) {
      this.set(perSecond, 'configured', now);
      return;
    }
    if (this.origin === 'configured') this.set(Number.isFinite(this.startPerSecond) ? this.startPerSecond : Infinity, Number.isFinite(this.startPerSecond) ? 'starting' : 'none', now);
  }

  /** A limit the provider's headers proved. */
  advertise(perSecond: number, now: number): void {
    if (this.origin === 'configured') return;
    const same = Number.isFinite(this.ceiling) && Math.abs(perSecond - this.ceiling) <= this.ceiling * 0.01;
    this.ceiling = perSecond;
    // A rate learned below the same advertisement stays (it probes back up to it); a new figure wins.
    if (same && (this.origin === 'advertised' || this.origin === 'learned')) return;
    this.set(perSecond, 'advertised', now);
  }

  /** The provider asked that nothing be sent until `until` (a 429's retry-after). */
  held(now: number, until: number): void {
    const last = this.holds.at(-1);
    if (last && last.until >= now) last.until = Math.max(last.until, until);
    else this.holds.push({ from: now, until });
    if (this.holds.length > 8) this.holds.shift();
  }

  /** The pacer held a request back because of the rate: there is demand beyond it. */
  noteDemand(): void {
    this.demandSinceStep = true;
  }

  /** Records a request leaving; returns its index for `refusal`. */
  sent(now: number): number {
    const index = this.sendCount % SEND_LOG_SIZE;
    this.sends[index] = now;
    this.refused[index] = 0;
    this.sendCount += 1;
    return this.sendCount - 1;
  }

  /**
   * A 429 for the request sent at `sentAt` (index from `sent`); `withHeaders` when it carried
   * rate-limit headers. Returns whether the rate changed.
   */
  refusal(sendIndex: number, sentAt: number, now: number, retryAfterMs: number | undefined, withHeaders: boolean): boolean {
    if (sendIndex >= this.sendCount - SEND_LOG_SIZE) this.refused[sendIndex % SEND_LOG_SIZE] = 1;
    this.refusedSinceStep = true;
    if (this.origin === 'configured' || sentAt < this.lastDecreaseAt) return false;
    const window = this.window(now, DETECTION_SENDS, MIN_WINDOW_MS);
    const showsLimit =
      withHeaders ||
      // A remote provider (one we pace at all) whose limit is still unknown, that refuses again
      // within the window, or that refuses what was sent after we raised its rate: its own rate,
      // not chance. Local servers have no rate limit of their own.
      this.origin === 'starting' ||
      (this.origin === 'learned' && sentAt >= this.probedAt) ||
      (this.origin !== 'none' && window.refused >= 2) ||
      (window.samples >= MIN_SAMPLES && window.refused / window.samples >= REFUSED_SHARE);
    if (!showsLimit) return false;
    const candidates: number[] = [];
    const accepted = this.window(now, ACCEPTANCE_SENDS, MIN_ACCEPTANCE_WINDOW_MS);
    if (accepted.samples >= MIN_ACCEPTANCE_SAMPLES) candidates.push(accepted.acceptedPerSecond * ACCEPTANCE_MARGIN);
    if (retryAfterMs !== undefined && retryAfterMs > 0 && retryAfterMs < REFILL_HINT_MAX_MS) candidates.push(1000 / retryAfterMs);
    let estimate = Math.min(this.rate, ...candidates);
    // One refusal at most halves the rate: a single odd window must not park a provider for minutes.
    if (Number.isFinite(this.rate)) estimate = Math.max(estimate, this.rate / 2);
    estimate = Math.max(MIN_PER_SECOND, estimate);
    this.lastDecreaseAt = now;
    this.probeStep = FIRST_PROBE_STEP;
    this.cleanProbes = 0;
    this.probedAt = Number.NEGATIVE_INFINITY;
    const changed = estimate !== this.rate || this.origin !== 'learned';
    this.set(estimate, 'learned', now);
    return changed;
  }

  /** Slow start and probing, as time passes; returns whether the rate changed. */
  tick(now: number): boolean {
    if (this.origin !== 'starting' && this.origin !== 'learned') return false;
    const interval = this.origin === 'starting' ? SLOW_START_STEP_MS : PROBE_INTERVAL_MS;
    if (now - this.stepStartedAt < interval) return false;
    const grow = this.demandSinceStep && !this.refusedSinceStep;
    this.stepStartedAt = now;
    this.demandSinceStep = false;
    this.refusedSinceStep = false;
    if (!grow) return false;
    if (this.origin === 'starting') {
      this.rate *= SLOW_START_GROWTH;
      return true;
    }
    const next = Math.min(this.ceiling, this.rate * (1 + this.probeStep));
    this.cleanProbes += 1;
    this.probeStep = Math.min(MAX_PROBE_STEP, this.probeStep * 2);
    if (next === this.rate) return false;
    this.rate = next;
    this.probedAt = now;
    return true;
  }

  /** The sends of the last window: how many, how many were refused, and the accepted rate. */
  private window(now: number, sends: number, minMs: number): { readonly samples: number; readonly refused: number; readonly acceptedPerSecond: number } {
    const wanted = Math.min(MAX_WINDOW_MS, Math.max(minMs, Number.isFinite(this.rate) ? (sends / this.rate) * 1000 : 0));
    // A young provider is measured over the time it has been sent to, not over time before that.
    const first = this.sendCount > 0 ? this.sends[Math.max(0, this.sendCount - SEND_LOG_SIZE) % SEND_LOG_SIZE]! : now;
    const from = Math.max(now - wanted, first);
    const span = Math.max(1, now - from);
    let samples = 0;
    let refused = 0;
    const oldest = Math.max(0, this.sendCount - SEND_LOG_SIZE);
    for (let i = this.sendCount - 1; i >= oldest; i -= 1) {
      const at = this.sends[i % SEND_LOG_SIZE]!;
      if (at < from) break;
      samples += 1;
      refused += this.refused[i % SEND_LOG_SIZE]!;
    }
    // Sends per second of the time sending was allowed: a hold in the window is not the provider's rate.
    const heldMs = this.holds.reduce((sum, h) => sum + Math.max(0, Math.min(h.until, now) - Math.max(h.from, from)), 0);
    const openMs = Math.max(span / 4, span - heldMs);
    return { samples, refused, acceptedPerSecond: (samples - refused) / (openMs / 1000) };
  }

  private set(perSecond: number, origin: RateSource, now: number): void {
    this.rate = perSecond;
    this.origin = origin;
    this.stepStartedAt = now;
    this.demandSinceStep = false;
    this.refusedSinceStep = false;
  }
}
