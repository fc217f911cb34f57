// What the two fake batch APIs share: the time a batch spends in each phase (milliseconds, so
// tests run fast; changeable while running, e.g. a slow validation), the markers a prompt uses to
// script its own fate, the deterministic reply, a state file that lets a batch outlive the process
// that created it (a window reload restarts the fakes inside the new extension host), and writing
// a large results file in chunks with backpressure.
import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fakeTokenCount } from './fakeTokenCount';

export interface BatchTimings {
  /** OpenAI only: validating before in_progress. */
  readonly validatingMs: number;
  /** Time to process every request; progress grows linearly over it. */
  readonly inProgressMs: number;
  /** OpenAI only: finalizing before completed. */
  readonly finalizingMs: number;
  /** From a cancel to the batch's end. */
  readonly cancellingMs: number;
}

export const DEFAULT_BATCH_TIMINGS: BatchTimings = { validatingMs: 40, inProgressMs: 200, finalizingMs: 40, cancellingMs: 40 };

/** Markers in a prompt: the request fails (400, or 500 with ":500"), expires, or makes validation fail (OpenAI). */
export const BATCH_MARKERS = { error: '[batch-error]', error500: '[batch-error:500]', expire: '[batch-expire]', invalid: '[batch-invalid]' } as const;

export type RequestFate = 'succeed' | 'error' | 'error500' | 'expire';

export function fateOf(prompt: string): RequestFate {
  if (prompt.includes(BATCH_MARKERS.error500)) return 'error500';
  if (prompt.includes(BATCH_MARKERS.error)) return 'error';
  if (prompt.includes(BATCH_MARKERS.expire)) return 'expire';
  return 'succeed';
}

/** "Batch reply to: <first 60 chars>", padded to `replyChars` (large results files) with a deterministic filler. */
export function batchReplyText(prompt: string, replyChars = 0): string {
  const head = `Batch reply to: ${prompt.slice(0, 60)}`;
  if (head.length >= replyChars) return head;
  const filler = ' lorem ipsum dolor sit amet';
  return `${head}${filler.repeat(Math.ceil((replyChars - head.length) / filler.length))}`.slice(0, replyChars);
}

export function replyUsage(prompt: string, reply: string): { input: number; output: number } {
  return { input: fakeTokenCount(prompt), output: fakeTokenCount(reply) };
}

/** How many of `total` requests are done `elapsed` ms into a `duration` ms run. */
export function doneAt(total: number, elapsed: number, duration: number): number {
  if (elapsed <= 0) return 0;
  if (duration <= 0 || elapsed >= duration) return total;
  return Math.floor((total * elapsed) / duration);
}

/** A JSON file that keeps a fake's batches across restarts of the process that serves them. */
export class FakeStateFile<T> {
  constructor(private readonly file: string | undefined) {}

  load(): T | undefined {
    if (!this.file || !fs.existsSync(this.file)) return undefined;
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as T;
  }

  save(state: T): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, this.file);
  }
}

/** Streams JSONL lines in ~64 KiB writes, waiting for the socket to drain, as a real file download does. */
export async function writeJsonLines(res: ServerResponse, lines: Iterable<string>, headers: Readonly<Record<string, string>>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/jsonl', ...headers });
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length < 64 * 1024) continue;
    const ok = res.write(chunk);
    chunk = '';
    if (!ok) await new Promise<void>((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  res.end(chunk);
}

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly content: string;
}

/** A multipart/form-data body (text parts only, which is all a JSONL upload needs). */
export function parseMultipart(contentType: string | undefined, body: string): MultipartPart[] | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary || !/^multipart\/form-data/i.test(contentType ?? '')) return undefined;
  const parts: MultipartPart[] = [];
  for (const raw of body.split(`--${boundary}`).slice(1)) {
    if (raw.startsWith('--')) break;
    const split = raw.indexOf('\r\n\r\n');
    if (split < 0) return undefined;
    const head = raw.slice(0, split);
    const content = raw.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) return undefined;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    parts.push({ name, content, ...(filename !== undefined && { filename }) });
  }
  return parts;
}
