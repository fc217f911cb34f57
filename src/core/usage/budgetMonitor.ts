// Budget arithmetic: spend per window session, per local day and per batch against the limits from
// the settings. It says when a window crosses its warning threshold and when it reaches its limit,
// once each, and remembers a limit the user chose to run past ("Resume" at the limit) until the
// limit changes or the window ends (a new day, a new batch). The adapter pauses the queue and
// shows the notifications; this class only counts. The clock is injected, so a test can cross
// midnight.
import type { Clock } from '../domain/clock';
import type { BudgetRoom, BudgetWindow } from './runGuard';
import { SpendLedger, type SpendTotal } from './spendLedger';

export interface BudgetLimits {
  readonly sessionUsd?: number;
  readonly dayUsd?: number;
  readonly batchUsd?: number;
  /** Fraction of a limit at which to warn (0.8); 1 or more turns the warning off. */
  readonly warnAt: number;
}

export type BudgetLevel = 'ok' | 'warning' | 'reached';

export interface BudgetAlert {
  readonly level: 'warning' | 'reached';
  readonly window: BudgetWindow;
  readonly spentUsd: number;
  readonly limitUsd: number;
  /** Part of the spend rests on estimated token counts. */
  readonly estimated: boolean;
  readonly batchId?: string;
}

export interface BudgetSpend {
  readonly usd: number | null;
  readonly estimated: boolean;
  readonly batchId?: string;
}

export interface BudgetWindowStatus {
  readonly window: BudgetWindow;
  readonly spent: SpendTotal;
  readonly limitUsd: number | undefined;
  readonly level: BudgetLevel;
}

export interface BudgetMonitorOptions {
  readonly clock: Pick<Clock, 'now'>;
  readonly ledger: SpendLedger;
  readonly limits: () => BudgetLimits;
}

interface Announced {
  readonly level: 'warning' | 'reached';
  readonly limitUsd: number;
}

export class BudgetMonitor {
  private session = { usd: 0, estimatedUsd: 0, unpricedRuns: 0 };
  private readonly batches = new Map<string, { usd: number; estimatedUsd: number; unpricedRuns: number }>();
  /** Window key ("session", "day:2026-12-02", "batch:<id>") → the level already announced, at which limit. */
  private readonly announced = new Map<string, Announced>();
  /** Window key → the limit the user chose to run past. */
  private readonly runPast = new Map<string, number>();

  constructor(private readonly options: BudgetMonitorOptions) {}

  get ledger(): SpendLedger {
    return this.options.ledger;
  }

  /** Counts one run's spend in every window and returns what crossed a threshold because of it. */
  record(spend: BudgetSpend): BudgetAlert[] {
    this.options.ledger.add({ at: this.options.clock.now(), usd: spend.usd, estimated: spend.estimated });
    addTo(this.session, spend);
    if (spend.batchId !== undefined) {
      let batch = this.batches.get(spend.batchId);
      if (!batch) this.batches.set(spend.batchId, (batch = { usd: 0, estimatedUsd: 0, unpricedRuns: 0 }));
      addTo(batch, spend);
    }
    return this.check(spend.batchId);
  }

  /** Seeds a batch's spend from before this session (tasks restored from history). */
  seedBatch(batchId: string, total: SpendTotal): void {
    if (!this.batches.has(batchId)) this.batches.set(batchId, { ...total });
  }

  /**
   * Alerts not yet announced for the session, today and (when given) one batch. Called after each
   * spend, at start-up and when the limits change.
   */
  check(batchId?: string): BudgetAlert[] {
    const alerts: BudgetAlert[] = [];
    for (const status of this.statuses(batchId)) {
      if (status.level === 'ok' || status.limitUsd === undefined) continue;
      const key = this.key(status.window, batchId);
      if (this.runPast.get(key) === status.limitUsd) continue;
      const before = this.announced.get(key);
      const same = before?.limitUsd === status.limitUsd;
      if (same && (before.level === status.level || before.level === 'reached')) continue;
      this.announced.set(key, { level: status.level, limitUsd: status.limitUsd });
      alerts.push({
        level: status.level,
        window: status.window,
        spentUsd: status.spent.usd,
        limitUsd: status.limitUsd,
        estimated: status.spent.estimatedUsd > 0,
        ...(status.window === 'batch' && batchId !== undefined && { batchId }),
      });
    }
    return alerts;
  }

  /** The user resumed at this limit: do not stop again for it until it changes or the window ends. */
  runPastLimit(window: BudgetWindow, batchId?: string): void {
    const limit = this.limitFor(window);
    if (limit !== undefined) this.runPast.set(this.key(window, batchId), limit);
  }

  /** Whether a limit is reached and not run past: the queue should stay paused. */
  blocking(batchId?: string): BudgetAlert | undefined {
    for (const status of this.statuses(batchId)) {
      if (status.level !== 'reached' || status.limitUsd === undefined) continue;
      if (this.runPast.get(this.key(status.window, batchId)) === status.limitUsd) continue;
      return { level: 'reached', window: status.window, spentUsd: status.spent.usd, limitUsd: status.limitUsd, estimated: status.spent.estimatedUsd > 0, ...(batchId !== undefined && status.window === 'batch' && { batchId }) };
    }
    return undefined;
  }

  /** Session and today always; the batch when one is given. */
  statuses(batchId?: string): BudgetWindowStatus[] {
    const now = this.options.clock.now();
    const out: BudgetWindowStatus[] = [this.status('session', this.session), this.status('day', this.options.ledger.day(now))];
    if (batchId !== undefined) out.push(this.status('batch', this.batches.get(batchId) ?? { usd: 0, estimatedUsd: 0, unpricedRuns: 0 }));
    return out;
  }

  /** Room left in each limited window, for the confirmation before a run. */
  rooms(batch: boolean): BudgetRoom[] {
    const limits = this.options.limits();
    const now = this.options.clock.now();
    const rooms: BudgetRoom[] = [];
    if (limits.sessionUsd !== undefined) rooms.push({ window: 'session', limitUsd: limits.sessionUsd, spentUsd: this.session.usd });
    if (limits.dayUsd !== undefined) rooms.push({ window: 'day', limitUsd: limits.dayUsd, spentUsd: this.options.ledger.day(now).usd });
    if (batch && limits.batchUsd !== undefined) rooms.push({ window: 'batch', limitUsd: limits.batchUsd, spentUsd: 0 });
    return rooms;
  }

  private status(window: BudgetWindow, spent: SpendTotal): BudgetWindowStatus {
    const limitUsd = this.limitFor(window);
    return { window, spent: { ...spent }, limitUsd, level: levelOf(spent.usd, limitUsd, this.options.limits().warnAt) };
  }

  private limitFor(window: BudgetWindow): number | undefined {
    const limits = this.options.limits();
    return window === 'session' ? limits.sessionUsd : window === 'day' ? limits.dayUsd : limits.batchUsd;
  }

  private key(window: BudgetWindow, batchId: string | undefined): string {
    if (window === 'day') return `day:${this.options.ledger.dayOf(this.options.clock.now())}`;
    return window === 'batch' ? `batch:${batchId ?? ''}` : 'session';
  }
}

export function levelOf(spentUsd: number, limitUsd: number | undefined, warnAt: number): BudgetLevel {
  if (limitUsd === undefined) return 'ok';
  if (spentUsd >= limitUsd) return 'reached';
  return warnAt < 1 && spentUsd >= limitUsd * warnAt ? 'warning' : 'ok';
}

function addTo(total: { usd: number; estimatedUsd: number; unpricedRuns: number }, spend: BudgetSpend): void {
  if (spend.usd === null) {
    total.unpricedRuns += 1;
    return;
  }
  total.usd += spend.usd;
  if (spend.estimated) total.estimatedUsd += spend.usd;
}
