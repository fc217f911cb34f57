// A token bucket that may go into debt: a request larger than the bucket is still granted once
// the bucket is full, and the debt delays the ones after it. Time comes from the caller so the
// bucket works with the injected clock.

export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    private ratePerMs: number,
    private capacity: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until `amount` can be taken (0 = now). Amounts above capacity wait for a full bucket. */
  waitMs(amount: number, now: number): number {
    this.refill(now);
    const needed = Math.min(amount, this.capacity);
    // Refill arithmetic in floating point lands a hair short of whole amounts; that is "enough".
    const missing = needed - this.level;
    return missing <= 1e-9 * Math.max(1, needed) ? 0 : Math.ceil(missing / this.ratePerMs);
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Gives back (negative: charges more), e.g. when the real usage of a request is known. */
  give(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  /** Never more in the bucket than `capacity − used`: someone else's count of what is spent wins. */
  capAtUsed(used: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.level, this.capacity - used);
  }

  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  /** Applies a new rate and size; the current level (or debt) carries over, capped at the new size. */
  reconfigure(ratePerMs: number, capacity: number, now: number): void {
    this.refill(now);
    this.ratePerMs = ratePerMs;
    this.capacity = capacity;
    this.level = Math.min(this.level, capacity);
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.level = Math.min(this.capacity, this.level + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }
}
