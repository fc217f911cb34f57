// Decides which request goes on the wire next. Every provider has one line of tickets (a heap:
// priority, then FIFO); a queued task is only its ticket, with no promise, timer or controller,
// so 100,000 of them cost little. A grant needs a place under the global concurrency (requests on
// the wire across all providers) and a "ready" from the provider's governor (breaker, rate, token
// budget, hold, its own in-flight cap). Among the providers that are ready, the highest-priority
// head goes first, whether it was refused before (a 429 puts it back in its place) or never sent.
// One timer wakes the scheduler when the earliest held line may move; nothing waits on its own
// timer, so refused requests never come back in synchronized waves.
import type { Clock, TimerHandle } from '../domain/clock';
import type { ProviderGovernors } from '../limits/providerGovernors';
import type { ProviderSlot } from '../limits/providerGovernor';
import { TicketHeap, type HeapTicket } from './ticketHeap';

/** Why the head of a line is held by its provider, and until when (epoch ms) when that is known. */
export interface WaitNotice {
  readonly reason: 'rate' | 'tokens' | 'hold' | 'unavailable';
  readonly until?: number;
}

export interface TicketSpec {
  readonly taskId: string;
  readonly providerId: string;
  readonly weight: number;
  readonly seq: number;
  readonly promptTokens: number;
  /** The task's time limit, for giving up on an outage before its first attempt. */
  readonly timeoutMs: number;
  /** Set when the task already started: its run awaits the grant. Absent for a first attempt. */
  readonly resume?: (slot: ProviderSlot) => void;
}

/** One place in a provider's line. A class, so every ticket has one shape and the heap's comparisons stay fast. */
export class Ticket implements HeapTicket {
  readonly taskId: string;
  readonly providerId: string;
  readonly weight: number;
  readonly seq: number;
  readonly promptTokens: number;
  readonly timeoutMs: number;
  readonly resume: ((slot: ProviderSlot) => void) | undefined;
  dead = false;
  notice: WaitNotice | undefined = undefined;
  /** What was last told about the notice (reason and whole seconds left), to tell only changes. */
  told: string | undefined = undefined;

  constructor(spec: TicketSpec) {
    this.taskId = spec.taskId;
    this.providerId = spec.providerId;
    this.weight = spec.weight;
    this.seq = spec.seq;
    this.promptTokens = spec.promptTokens;
    this.timeoutMs = spec.timeoutMs;
    this.resume = spec.resume;
  }
}

export interface TaskSchedulerOptions {
  readonly concurrency: number;
  readonly clock: Clock;
  readonly governors: ProviderGovernors;
  /** Spreads wake-ups a little so sends do not line up with a server's window edges. */
  readonly random?: () => number;
  /** A first attempt may go: start the task's run with this slot. */
  readonly onGrant: (ticket: Ticket, slot: ProviderSlot) => void;
  /** The head of a line is now held by its provider, or (undefined) no longer is. */
  readonly onNotice: (ticket: Ticket, notice: WaitNotice | undefined) => void;
  /** A task that never started gave up: its provider has been unavailable for its whole time limit. */
  readonly onOutage: (ticket: Ticket, outageMs: number) => void;
}

interface Lane {
  readonly heap: TicketHeap<Ticket>;
  noticed: Ticket | undefined;
  nextOutageCheckAt: number;
}

/** Wake at least this often while a line shows a countdown. */
const COUNTDOWN_TICK_MS = 1_000;
/** Paced wake-ups are delayed by up to this share of the wait. */
const WAKE_JITTER = 0.01;

export class TaskScheduler {
  private readonly lanes = new Map<string, Lane>();
  private readonly waiting = new Map<string, Ticket>();
  /** How a started task waiting for its next attempt hears why it is held. */
  private readonly noticeHandlers = new Map<string, ((notice: WaitNotice | undefined) => void) | undefined>();
  private limit: number;
  private running = 0;
  private isPaused = false;
  /** Under resource pressure no task starts; tasks that started may go on with their next attempt. */
  private isThrottled = false;
  private passing = false;
  private again = false;
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;

  constructor(private readonly options: TaskSchedulerOptions) {
    this.limit = clampConcurrency(options.concurrency);
  }

  get concurrency(): number {
    return this.limit;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Requests on the wire right now. */
  get inFlight(): number {
    return this.running;
  }

  /** Tickets waiting for a grant. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Queues a ticket; it is granted as soon as the limits allow (possibly before this returns). */
  enqueue(spec: TicketSpec): void {
    const ticket = new Ticket(spec);
    const previous = this.waiting.get(ticket.taskId);
    if (previous) this.drop(previous);
    this.waiting.set(ticket.taskId, ticket);
    this.lane(ticket.providerId).heap.push(ticket);
    this.dispatch();
  }

  /** Waits for a slot for a task's next attempt; rejects with the signal's reason when it aborts. */
  acquire(spec: Omit<TicketSpec, 'resume'>, signal: AbortSignal, onNotice?: (notice: WaitNotice | undefined) => void): Promise<ProviderSlot> {
    return new Promise<ProviderSlot>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        this.remove(spec.taskId);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.noticeHandlers.set(spec.taskId, onNotice);
      this.enqueue({
        ...spec,
        resume: (slot) => {
          signal.removeEventListener('abort', onAbort);
          resolve(slot);
        },
      });
    });
  }

  /** Takes a waiting ticket out of its line; false when the task is not waiting. */
  remove(taskId: string): boolean {
    const ticket = this.waiting.get(taskId);
    if (!ticket) return false;
    this.drop(ticket);
    this.dispatch();
    return true;
  }

  /** Moves a waiting ticket to a new priority weight, keeping its place among equals. */
  reprioritize(taskId: string, weight: number): boolean {
    const ticket = this.waiting.get(taskId);
    if (!ticket) return false;
    this.enqueue({ taskId: ticket.taskId, providerId: ticket.providerId, weight, seq: ticket.seq, promptTokens: ticket.promptTokens, timeoutMs: ticket.timeoutMs, ...(ticket.resume && { resume: ticket.resume }) });
    return true;
  }

  setConcurrency(concurrency: number): void {
    this.limit = clampConcurrency(concurrency);
    this.dispatch();
  }

  pause(): void {
    this.isPaused = true;
    this.dispatch();
  }

  resume(): void {
    this.isPaused = false;
    this.dispatch();
  }

  setThrottled(throttled: boolean): void {
    this.isThrottled = throttled;
    this.dispatch();
  }

  /** A governor's answer may have changed (a hold, a new rate, the breaker): look again. */
  dispatch(): void {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    try {
      do {
        this.again = false;
        this.pass();
      } while (this.again);
    } finally {
      this.passing = false;
    }
  }

  dispose(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pass(): void {
    const { clock } = this.options;
    let wakeAt = Infinity;
    for (;;) {
      if (this.isPaused || this.running >= this.limit) {
        // Held by our own queue, not by a provider: no head is "waiting" on its provider now, and
        // a finishing request (or Resume) is what wakes the scheduler.
        for (const lane of this.lanes.values()) this.notice(lane, undefined, undefined);
        wakeAt = Infinity;
        break;
      }
      const now = clock.now();
      let best: { lane: Lane; head: Ticket; tokens: number } | undefined;
      wakeAt = Infinity;
      for (const lane of this.lanes.values()) {
        const head = lane.heap.peek();
        if (!head || (this.isThrottled && !head.resume)) {
          this.notice(lane, undefined, undefined);
          continue;
        }
        const governor = this.options.governors.governor(head.providerId);
        const tokens = governor.charge(head.promptTokens);
        const readiness = governor.readiness(tokens);
        switch (readiness.kind) {
          case 'ready':
            this.notice(lane, undefined, undefined);
            if (!best || before(head, best.head)) best = { lane, head, tokens };
            break;
          case 'full':
            this.notice(lane, undefined, undefined);
            break;
          case 'wait': {
            // Paced sends get a little jitter, so they do not line up with a server's window edges.
            const at = now + readiness.ms * (1 + (this.options.random?.() ?? 0) * WAKE_JITTER);
            this.notice(lane, head, { reason: readiness.reason, until: now + readiness.ms });
            // A longer wait still wakes every second, so the waiting task's countdown moves.
            wakeAt = Math.min(wakeAt, at, now + COUNTDOWN_TICK_MS);
            break;
          }
          case 'unavailable': {
            this.giveUpOnOutage(lane, head.providerId, now);
            const still = lane.heap.peek();
            if (!still) {
              this.notice(lane, undefined, undefined);
              break;
            }
            this.notice(lane, still, { reason: 'unavailable', ...(readiness.probeAt !== undefined && { until: readiness.probeAt }) });
            wakeAt = Math.min(wakeAt, now + COUNTDOWN_TICK_MS, readiness.probeAt ?? Infinity);
            break;
          }
        }
      }
      if (!best) break;
      if (!this.grant(best.lane, best.head, best.tokens)) break;
    }
    this.arm(wakeAt);
  }

  private grant(lane: Lane, ticket: Ticket, tokens: number): boolean {
    const governor = this.options.governors.governor(ticket.providerId);
    const slot = governor.grant(tokens, () => {
      this.running -= 1;
      this.dispatch();
    });
    // The breaker refused at the last moment (a probe just went out): look again when it changes.
    if (!slot) return false;
    lane.heap.take();
    this.waiting.delete(ticket.taskId);
    this.notice(lane, undefined, undefined);
    this.noticeHandlers.delete(ticket.taskId);
    this.running += 1;
    if (ticket.resume) ticket.resume(slot);
    else this.options.onGrant(ticket, slot);
    return true;
  }

  /** Tasks that never started give up once the outage has lasted as long as their time limit. */
  private giveUpOnOutage(lane: Lane, providerId: string, now: number): void {
    if (now < lane.nextOutageCheckAt) return;
    lane.nextOutageCheckAt = now + COUNTDOWN_TICK_MS;
    const since = this.options.governors.breaker(providerId).unavailableSince;
    if (since === undefined) return;
    for (const ticket of [...lane.heap.liveTickets()]) {
      if (ticket.resume || now - since < ticket.timeoutMs) continue;
      this.drop(ticket);
      this.options.onOutage(ticket, now - since);
    }
  }

  /** Shows (or clears) why a line's head is held; tells only about changes. */
  private notice(lane: Lane, head: Ticket | undefined, notice: WaitNotice | undefined): void {
    const previous = lane.noticed;
    if (previous && (previous !== head || !notice)) {
      previous.notice = undefined;
      previous.told = undefined;
      lane.noticed = undefined;
      this.tell(previous, undefined);
    }
    if (!head || !notice) return;
    lane.noticed = head;
    head.notice = notice;
    const secondsLeft = notice.until === undefined ? '' : Math.ceil((notice.until - this.options.clock.now() - 50) / 1000);
    const told = `${notice.reason}:${secondsLeft}`;
    if (head.told === told) return;
    head.told = told;
    this.tell(head, notice);
  }

  private tell(ticket: Ticket, notice: WaitNotice | undefined): void {
    const handler = this.noticeHandlers.get(ticket.taskId);
    if (ticket.resume) handler?.(notice);
    else this.options.onNotice(ticket, notice);
  }

  private drop(ticket: Ticket): void {
    const lane = this.lanes.get(ticket.providerId);
    lane?.heap.kill(ticket);
    if (lane?.noticed === ticket) this.notice(lane, undefined, undefined);
    if (this.waiting.get(ticket.taskId) === ticket) {
      this.waiting.delete(ticket.taskId);
      this.noticeHandlers.delete(ticket.taskId);
    }
  }

  private arm(wakeAt: number): void {
    const { clock } = this.options;
    if (wakeAt === Infinity || this.isPaused) {
      // Nothing is held by a provider: no timer is left behind (a cancelled wait leaves none).
      if (this.timer) clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
      return;
    }
    const now = clock.now();
    const at = Math.ceil(wakeAt);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.dispatch();
    }, Math.max(0, at - now));
  }

  private lane(providerId: string): Lane {
    let lane = this.lanes.get(providerId);
    if (!lane) {
      lane = { heap: new TicketHeap<Ticket>(), noticed: undefined, nextOutageCheckAt: 0 };
      this.lanes.set(providerId, lane);
    }
    return lane;
  }
}

function before(a: Ticket, b: Ticket): boolean {
  return a.weight > b.weight || (a.weight === b.weight && a.seq < b.seq);
}

function clampConcurrency(value: number): number {
  if (value === Infinity) return Infinity;
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}
