// Writes Server-Sent Events the way the vendors do (one write per event, so each is flushed),
// with a choice of line ending, and stops quietly once the client has gone away.
import type { FakeExchange } from './fakeHttpServer';

export type LineEnding = '\n' | '\r\n';

export class SseWriter {
  constructor(
    private readonly exchange: FakeExchange,
    private readonly lineEnding: LineEnding = '\n',
  ) {}

  get open(): boolean {
    return !this.exchange.clientGone && !this.exchange.res.destroyed;
  }

  start(headers: Readonly<Record<string, string>> = {}): void {
    this.exchange.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
    this.exchange.res.flushHeaders();
  }

  /** Writes one event; returns false when the client is gone. */
  event(data: string, eventName?: string): boolean {
    if (!this.open) return false;
    const nl = this.lineEnding;
    const lines = [...(eventName ? [`event: ${eventName}`] : []), ...data.split('\n').map((line) => `data: ${line}`)];
    this.exchange.res.write(`${lines.join(nl)}${nl}${nl}`);
    this.exchange.eventsSent++;
    return true;
  }

  /** A comment line, which clients must ignore (used as keep-alive). */
  comment(text: string): boolean {
    if (!this.open) return false;
    this.exchange.res.write(`: ${text}${this.lineEnding}${this.lineEnding}`);
    return true;
  }

  end(): void {
    if (this.open) this.exchange.res.end();
  }
}
