// The waiting line of one provider: a binary heap ordered by weight (higher first), then by
// sequence number (lower first, so FIFO within a priority). O(log n) to add and take, so 100,000
// queued tasks cost no more per grant than ten. Removal is lazy: a removed ticket stays in the
// array marked dead and is skipped when it reaches the top, so cancelling or re-prioritising a
// task deep in the line costs O(1) (plus the one push of a re-prioritised copy).

export interface HeapTicket {
  readonly weight: number;
  readonly seq: number;
  dead: boolean;
}

export class TicketHeap<T extends HeapTicket> {
  private readonly items: T[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(ticket: T): void {
    this.items.push(ticket);
    this.live += 1;
    this.up(this.items.length - 1);
  }

  /** The best live ticket without taking it. */
  peek(): T | undefined {
    this.dropDeadTop();
    return this.items[0];
  }

  take(): T | undefined {
    this.dropDeadTop();
    const top = this.items[0];
    if (!top) return undefined;
    this.removeTop();
    this.live -= 1;
    return top;
  }

  /** Marks a ticket removed; it is discarded when it surfaces. */
  kill(ticket: T): void {
    if (ticket.dead) return;
    ticket.dead = true;
    this.live -= 1;
  }

  /** Every live ticket, in no particular order (for rare whole-line scans such as an outage). */
  *liveTickets(): Iterable<T> {
    for (const item of this.items) if (!item.dead) yield item;
  }

  private dropDeadTop(): void {
    while (this.items.length > 0 && this.items[0]!.dead) this.removeTop();
  }

  private removeTop(): void {
    const last = this.items.pop()!;
    if (this.items.length === 0) return;
    this.items[0] = last;
    this.down(0);
  }

  private before(a: T, b: T): boolean {
    return a.weight > b.weight || (a.weight === b.weight && a.seq < b.seq);
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = item;
  }

  private down(index: number): void {
    const items = this.items;
    const length = items.length;
    const item = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(items[right]!, items[left]!) ? right : left;
      if (!this.before(items[child]!, item)) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = item;
  }
}
