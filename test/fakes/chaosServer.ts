// A fault-injecting OpenAI-compatible server for chaos runs. For every chat request it picks one
// behaviour at random — a normal answer, 429 with and without Retry-After (seconds, HTTP date,
// ms), 500/503/529, x-should-retry: false, an error event after a 200, a connection reset
// mid-stream, a stall, malformed SSE, a stream cut before [DONE], a hang-up before any answer.
// The pick is seeded per task and per attempt (the prompt carries a "[chaos:<key>]" tag), so a
// task meets the same faults on every run with the same seed, however requests interleave. It
// also measures, on the server side, how many requests were in flight at once and whether one
// task ever had two requests in flight together.
import { seededRandom } from '../unit/helpers/seededRandom';
import { chatRequestFields } from './chatRequestFields';
import { startFakeHttpServer, type FakeExchange, type FakeHttpServer } from './fakeHttpServer';
import { handleOpenAiChat, type OpenAiChatOptions } from './openAiChatHandler';
import type { OpenAiScript } from './openAiScript';
import { SseWriter } from './sseWriter';

export const CHAOS_FAULTS = [
  'ok',
  'rateLimited',
  'rateLimitedRetryAfterSeconds',
  'rateLimitedRetryAfterDate',
  'rateLimitedRetryAfterMs',
  'serverError',
  'unavailable',
  'overloaded',
  'serverErrorNoRetry',
  'errorAfter200',
  'resetMidStream',
  'stall',
  'malformedSse',
  'truncated',
  'hangUp',
] as const;
export type ChaosFault = (typeof CHAOS_FAULTS)[number];

export const DEFAULT_CHAOS_WEIGHTS: Readonly<Record<ChaosFault, number>> = {
  ok: 55,
  // A 429 with Retry-After holds its whole provider for that long (that is what an account-wide
  // limit means), so these are rarer than their ms-sized cousin.
  rateLimited: 3,
  rateLimitedRetryAfterSeconds: 1,
  rateLimitedRetryAfterDate: 1,
  rateLimitedRetryAfterMs: 5,
  serverError: 4,
  unavailable: 4,
  overloaded: 3,
  serverErrorNoRetry: 1,
  errorAfter200: 4,
  resetMidStream: 4,
  stall: 2,
  malformedSse: 3,
  truncated: 4,
  hangUp: 2,
};

export interface ChaosServerOptions {
  readonly seed: number;
  readonly weights?: Readonly<Record<ChaosFault, number>>;
  /** Delay between streamed chunks (default 1 ms). */
  readonly chunkDelayMs?: number;
  /** Of every `every` requests (by arrival), the last `length` get a 503: a short outage that trips breakers. */
  readonly outage?: { readonly every: number; readonly length: number };
  /** The first requests go through every fault once, in order, so a short run still meets them all. */
  readonly coverEveryFault?: boolean;
}

export interface ChaosServerStats {
  readonly requests: number;
  readonly faults: Readonly<Record<ChaosFault | 'outage', number>>;
  readonly maxInFlight: number;
  /** Keys that had two requests in flight at the same moment. */
  readonly overlappingKeys: readonly string[];
}

export interface ChaosServer extends FakeHttpServer {
  readonly baseUrl: string;
  /** Resolves once every arrival has been judged. */
  stats(): Promise<ChaosServerStats>;
}

const TAG = /\[chaos:([^\]]+)\]/;

/**
 * The server learns that a client hung up a loop turn or two after the fact (the request's data
 * is parsed before the hang-up behind it), so a request the client already abandoned can look
 * in flight next to the client's next one. Each arrival therefore takes a snapshot of what is in
 * flight and judges it after this window, leaving out requests that turned out to be abandoned.
 */
const SETTLE_MS = 25;

interface LiveRequest {
  readonly key: string;
  /** The client went away before the server finished (an abort, a cancel, an idle timeout). */
  abandoned: boolean;
}

export async function startChaosServer(options: ChaosServerOptions): Promise<ChaosServer> {
  const weights = options.weights ?? DEFAULT_CHAOS_WEIGHTS;
  const chat: OpenAiChatOptions = { chunkDelayMs: options.chunkDelayMs ?? 1, slowChunkDelayMs: 1, slowChunkCount: 1, usage: true, extraHeaders: {}, flavor: 'openai' };
  const faults = Object.fromEntries([...CHAOS_FAULTS, 'outage'].map((f) => [f, 0])) as Record<ChaosFault | 'outage', number>;
  const attemptsByKey = new Map<string, number>();
  const live = new Set<LiveRequest>();
  const overlapping = new Set<string>();
  const judging = new Set<Promise<void>>();
  let maxInFlight = 0;
  let requests = 0;

  const judge = (snapshot: readonly LiveRequest[], key: string): void => {
    const counted = snapshot.filter((r) => !r.abandoned);
    maxInFlight = Math.max(maxInFlight, counted.length);
    if (counted.filter((r) => r.key === key).length > 1) overlapping.add(key);
  };

  const server = await startFakeHttpServer(async (exchange) => {
    const index = requests++;
    const key = TAG.exec(chatRequestFields(exchange.request.body)?.prompt ?? '')?.[1] ?? `request-${index}`;
    const attempt = attemptsByKey.get(key) ?? 0;
    attemptsByKey.set(key, attempt + 1);
    const me: LiveRequest = { key, abandoned: false };
    live.add(me);
    const snapshot = [...live];
    const verdict = new Promise<void>((resolve) => setTimeout(resolve, SETTLE_MS)).then(() => judge(snapshot, key));
    judging.add(verdict);
    void verdict.finally(() => judging.delete(verdict));
    const inOutage = options.outage !== undefined && index % options.outage.every >= options.outage.every - options.outage.length;
    const covering = options.coverEveryFault === true ? CHAOS_FAULTS[index] : undefined;
    const fault = inOutage ? 'outage' : (covering ?? pickFault(weights, seededRandom(hashSeed(options.seed, key, attempt))));
    faults[fault] += 1;
    // Done when the response was sent in full or the server hung up; abandoned when the client
    // went away first.
    const socket = exchange.res.socket;
    const end = (abandoned: boolean): void => {
      if (!live.delete(me)) return;
      me.abandoned = abandoned;
      socket?.off('end', onClientGone);
      socket?.off('error', onClientGone);
    };
    const onClientGone = (): void => end(true);
    socket?.once('end', onClientGone);
    socket?.once('error', onClientGone);
    exchange.res.once('finish', () => end(false));
    exchange.res.once('close', () => end(true));
    const tracked: FakeExchange = Object.create(exchange, {
      hangUp: {
        value: (): void => {
          end(false);
          exchange.hangUp();
        },
      },
    });
    if (fault === 'stall') return stall(tracked);
    return handleOpenAiChat(tracked, chat, fault === 'outage' ? { kind: 'error', status: 503 } : scriptFor(fault));
  });

  return {
    ...server,
    baseUrl: `${server.origin}/v1`,
    async stats(): Promise<ChaosServerStats> {
      await Promise.all([...judging]);
      return { requests, faults: { ...faults }, maxInFlight, overlappingKeys: [...overlapping] };
    },
  };
}

function scriptFor(fault: Exclude<ChaosFault, 'stall'>): OpenAiScript {
  const serverError = { message: 'The server had an error while processing your request.', type: 'server_error', code: null };
  switch (fault) {
    case 'ok':
      return { kind: 'reply' };
    case 'rateLimited':
      return { kind: 'error', status: 429 };
    case 'rateLimitedRetryAfterSeconds':
      return { kind: 'error', status: 429, headers: { 'retry-after': '1' } };
    case 'rateLimitedRetryAfterDate':
      // HTTP dates have whole seconds: this asks for a wait of up to one second.
      return { kind: 'error', status: 429, headers: { 'retry-after': new Date(Date.now() + 1_000).toUTCString() } };
    case 'rateLimitedRetryAfterMs':
      return { kind: 'error', status: 429, headers: { 'retry-after-ms': '25' } };
    case 'serverError':
      return { kind: 'error', status: 500 };
    case 'unavailable':
      return { kind: 'error', status: 503 };
    case 'overloaded':
      return { kind: 'error', status: 529, error: { message: 'Overloaded', type: 'overloaded_error', code: null } };
    case 'serverErrorNoRetry':
      return { kind: 'error', status: 500, headers: { 'x-should-retry': 'false' } };
    case 'errorAfter200':
      return { kind: 'reply', errorAfterChunks: { chunks: 1, error: serverError } };
    case 'resetMidStream':
      return { kind: 'reply', truncate: { afterChunks: 1 }, truncateBy: 'destroy' };
    case 'malformedSse':
      return {
        kind: 'raw',
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: ['data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n', 'data: {"choices": [oops\n\n'],
      };
    case 'truncated':
      return { kind: 'reply', truncate: 'beforeDone' };
    case 'hangUp':
      return { kind: 'hangUp' };
  }
}

/** Sends the headers and one chunk, then nothing until the client gives up and disconnects. */
async function stall(exchange: FakeExchange): Promise<void> {
  const sse = new SseWriter(exchange);
  sse.start();
  sse.event(JSON.stringify({ id: 'stall', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Thinking' }, finish_reason: null }] }));
  await new Promise<void>((resolve) => exchange.res.once('close', () => resolve()));
}

function pickFault(weights: Readonly<Record<ChaosFault, number>>, random: () => number): ChaosFault {
  const total = CHAOS_FAULTS.reduce((sum, f) => sum + weights[f], 0);
  let roll = random() * total;
  for (const fault of CHAOS_FAULTS) {
    roll -= weights[fault];
    if (roll < 0) return fault;
  }
  return 'ok';
}

/** A 32-bit seed from the run seed, the task key and the attempt (FNV-1a). */
function hashSeed(seed: number, key: string, attempt: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of `${key}#${attempt}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
