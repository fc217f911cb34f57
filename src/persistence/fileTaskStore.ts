// The task history on disk, in one folder (see historyFileFormat.ts for the format and why it is
// crash-safe). Imports no vscode: it takes a directory path, so it is tested in plain Node,
// including by a child process killed in the middle of writes.
//
// Every batch is one journal line, appended and fdatasync'ed before save() resolves; the journal
// is folded into a new snapshot when it outgrows max(4 MiB, half the snapshot). The store keeps
// each record as its JSON text, so folding is a join, and bounds its size: past `maxStoreChars`
// (32 Mi characters) the oldest finished tasks are dropped at the next fold; queued and running
// tasks are never dropped. A damaged file is moved aside with a timestamp and reported, never
// deleted; whatever part of it is readable is still used.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseStoredTask, type StoredTask } from '../core/history/storedTask';
import type { StoreBatch, StoreLoadResult, TaskStore } from '../core/history/taskStore';
import { appendDurably, copyAside, moveAside, TEMP_SUFFIX, writeFileAtomic } from './atomicFile';
import { decodeJournal, decodeSnapshot, encodeBatchLine, encodeJournalHeader, encodeSnapshot } from './historyFileFormat';

export const SNAPSHOT_FILE = 'history.json';
export const JOURNAL_FILE = 'history.journal';
const DEFAULT_COMPACT_AT_CHARS = 4 * 1024 * 1024;
const DEFAULT_MAX_STORE_CHARS = 32 * 1024 * 1024;

export interface FileTaskStoreOptions {
  readonly directory: string;
  readonly now?: () => number;
  /** Journal size that triggers a fold into the snapshot (at least; half the snapshot when larger). */
  readonly compactAtChars?: number;
  /** Upper bound on the stored history; the oldest finished tasks go first. */
  readonly maxStoreChars?: number;
  /**
   * For the log: a write failed (disk full, permissions; the store keeps going and rewrites
   * everything at the next save) or old tasks were dropped to respect the size limit.
   */
  readonly onProblem?: (message: string, error?: unknown) => void;
}

interface RecordInfo {
  readonly json: string;
  readonly finished: boolean;
  readonly finishedAt: number;
}

export class FileTaskStore implements TaskStore {
  private readonly records = new Map<string, RecordInfo>();
  private recordChars = 0;
  private generation = 0;
  private journal: fs.FileHandle | undefined;
  private journalChars = 0;
  private snapshotChars = 0;
  /** Set after a failed write: the journal may end in a partial line, so the next save rewrites everything. */
  private needsRewrite = false;
  private chain: Promise<void> = Promise.resolve();
  private loaded: Promise<StoreLoadResult> | undefined;
  /** The folder could not be opened at all: this session's tasks stay in memory only. */
  private disabled = false;
  private readonly now: () => number;

  constructor(private readonly options: FileTaskStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get directory(): string {
    return this.options.directory;
  }

  load(): Promise<StoreLoadResult> {
    this.loaded ??= this.enqueue(() => this.doLoad()).catch((error: unknown): StoreLoadResult => {
      // Nothing was moved or deleted, so the history is intact for a later session that can read it.
      this.disabled = true;
      return { tasks: [], warnings: [`The task history in ${this.options.directory} could not be opened (${describe(error)}); tasks of this session will not be saved.`] };
    });
    return this.loaded;
  }

  save(batch: StoreBatch): Promise<void> {
    if (batch.put.length === 0 && batch.remove.length === 0) return this.flush();
    // Serialize now, while the records are exactly what the caller meant to save.
    const puts = batch.put.map((task) => ({ task, json: JSON.stringify(task) }));
    const remove = [...batch.remove];
    // Started (and so queued) before this batch: awaiting it inside the chain cannot deadlock.
    const ready = this.load();
    return this.enqueue(async () => {
      await ready;
      if (this.disabled) return;
      for (const id of remove) this.deleteRecord(id);
      for (const { task, json } of puts) this.setRecord(task, json);
      if (this.needsRewrite || !this.journal) {
        await this.compact();
        return;
      }
      const line = encodeBatchLine(
        puts.map((p) => p.json),
        remove,
      );
      await appendDurably(this.journal, line);
      this.journalChars += line.length;
      if (this.journalChars > Math.max(this.compactAtChars, this.snapshotChars / 2)) await this.compact();
    }).catch((error: unknown) => this.reportWriteError(error));
  }

  flush(): Promise<void> {
    return this.chain.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Flushes and releases the journal file handle. */
  async close(): Promise<void> {
    await this.flush();
    await this.journal?.close().catch(() => undefined);
    this.journal = undefined;
  }

  /** Characters the stored records take (the snapshot's size after the next fold). */
  get storedChars(): number {
    return this.recordChars;
  }

  private get compactAtChars(): number {
    return this.options.compactAtChars ?? DEFAULT_COMPACT_AT_CHARS;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const result = this.chain.then(op);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async doLoad(): Promise<StoreLoadResult> {
    const dir = this.options.directory;
    const warnings: string[] = [];
    await fs.mkdir(dir, { recursive: true });
    await this.removeTemporaryFiles();
    const snapshotPath = path.join(dir, SNAPSHOT_FILE);
    const journalPath = path.join(dir, JOURNAL_FILE);
    let rewrite = false;
    let skipped = 0;

    let snapshotGeneration: number | undefined;
    const snapshotText = await readIfExists(snapshotPath);
    if (snapshotText !== undefined) {
      try {
        const snapshot = decodeSnapshot(snapshotText);
        snapshotGeneration = snapshot.generation;
        this.snapshotChars = snapshotText.length;
        skipped += this.applyRecords(snapshot.records);
        if (skipped > 0) warnings.push(await this.keepCopy(snapshotPath, `${skipped} task record(s) in the history could not be read and were skipped`));
      } catch (error) {
        const moved = await moveAside(snapshotPath, 'unreadable', this.now());
        warnings.push(`The task history could not be read (${describe(error)}). It was moved to ${moved}; tasks saved since its last rewrite are recovered from the journal.`);
        rewrite = true;
      }
    }

    const journalText = await readIfExists(journalPath);
    if (journalText !== undefined) {
      const journal = decodeJournal(journalText);
      // A journal whose header is damaged is replayed (records are whole, so replay is harmless) and reported below.
      const stale = snapshotGeneration !== undefined && journal.generation !== undefined && journal.generation !== snapshotGeneration;
      if (stale) {
        // Its batches are already in the snapshot (a fold finished writing the snapshot, not the journal).
        rewrite = true;
      } else {
        let skippedInJournal = 0;
        for (const batch of journal.batches) {
          for (const id of batch.remove) this.deleteRecord(id);
          skippedInJournal += this.applyRecords(batch.put);
        }
        this.generation = snapshotGeneration ?? journal.generation ?? 0;
        if (journal.corruptLines > 0 || skippedInJournal > 0) {
          const moved = await moveAside(journalPath, 'damaged', this.now());
          warnings.push(`Part of the task history journal was damaged: ${journal.corruptLines} line(s) and ${skippedInJournal} record(s) could not be read and were skipped; everything readable was kept. The original was moved to ${moved}.`);
          rewrite = true;
        } else if (journal.tornTail) {
          // The last append was cut off by a crash; it was never acknowledged. Cut it off so the next append starts on a fresh line.
          await fs.truncate(journalPath, Buffer.byteLength(journalText.slice(0, journal.validLength), 'utf8'));
        }
        this.journalChars = journal.validLength;
      }
    }
    this.generation = Math.max(this.generation, snapshotGeneration ?? 0);

    if (rewrite || journalText === undefined || this.journalChars > Math.max(this.compactAtChars, this.snapshotChars / 2)) {
      await this.compact();
    } else {
      this.journal = await fs.open(journalPath, 'a');
    }
    const tasks: StoredTask[] = [];
    for (const info of this.records.values()) tasks.push(JSON.parse(info.json) as StoredTask);
    return { tasks, warnings };
  }

  /** Validates and adds records; returns how many were skipped. */
  private applyRecords(records: readonly unknown[]): number {
    let skipped = 0;
    for (const raw of records) {
      const task = parseStoredTask(raw);
      if (task) this.setRecord(task, JSON.stringify(task));
      else skipped += 1;
    }
    return skipped;
  }

  private setRecord(task: StoredTask, json: string): void {
    this.deleteRecord(task.id, true);
    const finished = task.status === 'completed' || task.status === 'failed' || task.status === 'cancelled';
    this.records.set(task.id, { json, finished, finishedAt: task.finishedAt ?? task.createdAt });
    this.recordChars += json.length;
  }

  private deleteRecord(id: string, keepPosition = false): void {
    const old = this.records.get(id);
    if (!old) return;
    this.recordChars -= old.json.length;
    // A replaced record keeps its place (Map order is the history's order); a removed one loses it.
    if (!keepPosition) this.records.delete(id);
  }

  /** Folds everything into a new snapshot and starts an empty journal of the same generation. */
  private async compact(): Promise<void> {
    const dir = this.options.directory;
    this.trimToLimit();
    const generation = this.generation + 1;
    await this.journal?.close().catch(() => undefined);
    this.journal = undefined;
    const snapshot = encodeSnapshot(
      generation,
      this.now(),
      [...this.records.values()].map((r) => r.json),
    );
    await writeFileAtomic(path.join(dir, SNAPSHOT_FILE), snapshot);
    const header = encodeJournalHeader(generation);
    await writeFileAtomic(path.join(dir, JOURNAL_FILE), header);
    this.generation = generation;
    this.snapshotChars = snapshot.length;
    this.journalChars = header.length;
    this.journal = await fs.open(path.join(dir, JOURNAL_FILE), 'a');
    this.needsRewrite = false;
  }

  /** Drops the oldest finished tasks while the history is over its size limit. */
  private trimToLimit(): void {
    const max = this.options.maxStoreChars ?? DEFAULT_MAX_STORE_CHARS;
    if (this.recordChars <= max) return;
    const finished = [...this.records.entries()].filter(([, r]) => r.finished).sort((a, b) => a[1].finishedAt - b[1].finishedAt);
    let dropped = 0;
    for (const [id] of finished) {
      if (this.recordChars <= max * 0.9) break;
      this.deleteRecord(id);
      dropped += 1;
    }
    if (dropped > 0) this.options.onProblem?.(`task history over ${max} characters: the ${dropped} oldest finished task(s) were dropped from it`);
  }

  private reportWriteError(error: unknown): void {
    // The journal may now end in a partial line; rewriting the whole store next time makes it whole again.
    this.needsRewrite = true;
    this.options.onProblem?.(`could not write the task history in ${this.options.directory}: ${describe(error)}`, error);
  }

  private async removeTemporaryFiles(): Promise<void> {
    const names = await fs.readdir(this.options.directory);
    await Promise.all(names.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => fs.rm(path.join(this.options.directory, n), { force: true })));
  }

  private async keepCopy(file: string, what: string): Promise<string> {
    const copy = await copyAside(file, 'damaged', this.now());
    return `${what}; everything readable was kept. A copy of the original is at ${copy}.`;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
