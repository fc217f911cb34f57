// A bounded buffer of the newest items, oldest dropped first. Only the test API reads one (the log
// lines, the panel's messages), so the composition root creates them in ExtensionMode.Test only:
// a user's window keeps no copy of what it logged or showed.
export class RecentItems<T> {
  private readonly items: T[] = [];

  constructor(private readonly max: number) {}

  push(item: T): void {
    if (this.items.length >= this.max) this.items.shift();
    this.items.push(item);
  }

  snapshot(): readonly T[] {
    return [...this.items];
  }
}
