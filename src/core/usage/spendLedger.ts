// Money spent, added up per local calendar day. Budgets read today's total from it and statistics
// this month's; it is fed from providers' reported usage (estimates when a provider reports none,
// kept apart so they can be labelled) and stored outside the task history, so clearing history
// never makes spend disappear. Days are local: the caller passes the clock's offset from UTC.

export interface SpendEntry {
  /** When the usage arrived (ms since the epoch). */
  readonly at: number;
  /** USD; null when the model's price is unknown (counted, not added). */
  readonly usd: number | null;
  /** The token figures behind it were estimates. */
  readonly estimated: boolean;
}

export interface SpendTotal {
  readonly usd: number;
  /** The part of `usd` that rests on estimated token counts. */
  readonly estimatedUsd: number;
  /** Runs whose price was unknown. */
  readonly unpricedRuns: number;
}

export const NO_SPEND: SpendTotal = Object.freeze({ usd: 0, estimatedUsd: 0, unpricedRuns: 0 });

/** Minutes east of UTC at an instant (DST changes it); tests pass a fixed one. */
export type UtcOffset = (at: number) => number;

export const localUtcOffset: UtcOffset = (at) => -new Date(at).getTimezoneOffset();

/** "YYYY-MM-DD" of the local day an instant falls in. */
export function localDay(at: number, offset: UtcOffset): string {
  return new Date(at + offset(at) * 60_000).toISOString().slice(0, 10);
}

export class SpendLedger {
  private readonly days = new Map<string, { usd: number; estimatedUsd: number; unpricedRuns: number }>();

  constructor(private readonly offset: UtcOffset = localUtcOffset) {}

  add(entry: SpendEntry): void {
    const day = localDay(entry.at, this.offset);
    let total = this.days.get(day);
    if (!total) this.days.set(day, (total = { usd: 0, estimatedUsd: 0, unpricedRuns: 0 }));
    if (entry.usd === null) total.unpricedRuns += 1;
    else {
      total.usd += entry.usd;
      if (entry.estimated) total.estimatedUsd += entry.usd;
    }
  }

  dayOf(at: number): string {
    return localDay(at, this.offset);
  }

  /** Spend on the local day that `at` falls in. */
  day(at: number): SpendTotal {
    return this.days.get(this.dayOf(at)) ?? NO_SPEND;
  }

  /** Spend in the local calendar month that `at` falls in. */
  month(at: number): SpendTotal {
    const month = this.dayOf(at).slice(0, 7);
    let usd = 0;
    let estimatedUsd = 0;
    let unpricedRuns = 0;
    for (const [day, total] of this.days) {
      if (!day.startsWith(month)) continue;
      usd += total.usd;
      estimatedUsd += total.estimatedUsd;
      unpricedRuns += total.unpricedRuns;
    }
    return { usd, estimatedUsd, unpricedRuns };
  }
}
