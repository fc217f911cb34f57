// How many submitted tasks have not reached their terminal event, and who waits for there to be
// none (whenIdle: tests, benchmarks and shutdown).

export class UnfinishedTasks {
  private count = 0;
  private waiters: (() => void)[] = [];

  add(): void {
    this.count += 1;
  }

  /** A task reached its terminal event. */
  done(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  whenNone(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
