// The spend ledger on disk: one append-only JSON line per run that spent (or would have, at an
// unknown price), in one file per UTC month, in the extension's global storage. Global because a
// daily budget is the user's, not a workspace's: every window appends its own lines and reads the
// others' (tagged with their window id) when it refreshes, so two windows share one day's budget.
// A line cut short by a crash does not parse and is skipped; clearing the task history does not
// touch the ledger, so spend cannot be made to disappear.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SpendEntry } from '../core/usage/spendLedger';

export interface SpendLedgerFileOptions {
  readonly directory: string;
  /** Distinguishes this window's lines from other windows' (a fresh id per activation). */
  readonly windowId: string;
  readonly now?: () => number;
}

interface Line {
  readonly t: number;
  readonly usd: number | null;
  readonly est: boolean;
  readonly w: string;
}

/** Months read at start: this one and the last, so "today" and "this month" are complete in any time zone. */
const MONTHS_READ = 2;

export class SpendLedgerFile {
  /** Bytes of each month file already read. */
  private readonly offsets = new Map<string, number>();
  private readonly now: () => number;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: SpendLedgerFileOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Every entry of the recent months, from all windows. */
  async load(): Promise<SpendEntry[]> {
    await fs.mkdir(this.options.directory, { recursive: true });
    return this.readNew(true);
  }

  /** Entries other windows appended since the last read. */
  async readNew(includeOwn = false): Promise<SpendEntry[]> {
    const entries: SpendEntry[] = [];
    for (const file of this.recentFiles()) {
      let data: Buffer;
      try {
        data = await fs.readFile(file);
      } catch {
        continue;
      }
      const from = this.offsets.get(file) ?? 0;
      // Only up to the last complete line: another window may be in the middle of appending.
      const end = data.lastIndexOf(0x0a) + 1;
      if (end <= from) continue;
      this.offsets.set(file, end);
      for (const text of data.subarray(from, end).toString('utf8').split('\n')) {
        const line = parseLine(text);
        if (line && (includeOwn || line.w !== this.options.windowId)) entries.push({ at: line.t, usd: line.usd, estimated: line.est });
      }
    }
    return entries;
  }

  /** Appends one entry; resolves when written. Writes are queued so lines never interleave. */
  append(entry: SpendEntry): Promise<void> {
    const line: Line = { t: entry.at, usd: entry.usd, est: entry.estimated, w: this.options.windowId };
    const next = this.chain.then(() => fs.appendFile(this.fileFor(entry.at), `${JSON.stringify(line)}\n`, 'utf8'));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private fileFor(at: number): string {
    return path.join(this.options.directory, `spend-${new Date(at).toISOString().slice(0, 7)}.jsonl`);
  }

  private recentFiles(): string[] {
    const now = new Date(this.now());
    return Array.from({ length: MONTHS_READ }, (_, back) => this.fileFor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))).reverse();
  }
}

function parseLine(text: string): Line | undefined {
  if (!text.trim()) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Line>;
    const usdOk = value.usd === null || (typeof value.usd === 'number' && Number.isFinite(value.usd) && value.usd >= 0);
    if (typeof value.t !== 'number' || !Number.isFinite(value.t) || !usdOk || typeof value.est !== 'boolean' || typeof value.w !== 'string') return undefined;
    return value as Line;
  } catch {
    return undefined;
  }
}
