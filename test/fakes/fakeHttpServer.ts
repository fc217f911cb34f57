// The socket-level part shared by every fake vendor server: a real node:http server on
// 127.0.0.1, request recording (headers + body), and detection of clients that hang up before
// the response ended, so tests can prove that cancelling really closed the connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** 0-based position among all requests this server received. */
  readonly index: number;
  readonly method: string;
  /** Path plus query string, e.g. "/v1/chat/completions". */
  readonly path: string;
  /** Lower-cased header names, as Node delivers them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
}

export interface DisconnectRecord {
  readonly requestIndex: number;
  readonly path: string;
  /** How many stream events had been written when the client went away. */
  readonly eventsSent: number;
}

/** One request/response pair as a route handler sees it. */
export interface FakeExchange {
  readonly request: RecordedRequest;
  readonly res: http.ServerResponse;
  /** True once the client closed the connection before the response was ended. */
  readonly clientGone: boolean;
  /** Incremented by writers so a disconnect record says how far the stream got. */
  eventsSent: number;
  /**
   * Closes the connection from the server side after flushing what was written, leaving the
   * response incomplete (a server-side hang-up, not recorded as a client disconnect).
   */
  hangUp(): void;
}

export type FakeRouteHandler = (exchange: FakeExchange) => Promise<void>;

export interface FakeHttpServer {
  /** e.g. "http://127.0.0.1:43123" (no trailing slash). */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  readonly disconnects: DisconnectRecord[];
  /** Resolves with the next (or an already recorded) disconnect; rejects after `timeoutMs`. */
  waitForDisconnect(timeoutMs?: number): Promise<DisconnectRecord>;
  close(): Promise<void>;
}

export async function startFakeHttpServer(handler: FakeRouteHandler, port = 0): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const disconnects: DisconnectRecord[] = [];
  const waiters: ((record: DisconnectRecord) => void)[] = [];
  let consumedDisconnects = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        index: requests.length,
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: flattenHeaders(req.headers),
        rawBody,
        body: parseJson(rawBody),
      };
      requests.push(request);
      let serverHungUp = false;
      const exchange: FakeExchange = {
        request,
        res,
        clientGone: false,
        eventsSent: 0,
        hangUp: () => {
          serverHungUp = true;
          res.socket?.end();
        },
      };
      res.on('close', () => {
        if (res.writableEnded || serverHungUp) return;
        (exchange as { clientGone: boolean }).clientGone = true;
        const record: DisconnectRecord = { requestIndex: request.index, path: request.path, eventsSent: exchange.eventsSent };
        disconnects.push(record);
        waiters.shift()?.(record);
      });
      handler(exchange).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake server bug: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    disconnects,
    waitForDisconnect(timeoutMs = 3000): Promise<DisconnectRecord> {
      const already = disconnects[consumedDisconnects];
      if (already) {
        consumedDisconnects++;
        return Promise.resolve(already);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no client disconnect within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((record) => {
          clearTimeout(timer);
          consumedDisconnects++;
          resolve(record);
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        // Streams in progress and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
