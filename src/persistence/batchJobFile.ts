// Provider batch jobs on disk, next to the task history (same folder, same one-window lock): one
// JSON file replaced atomically, so a crash leaves the old set of jobs or the new one, never half.
// Losing it would leave tasks waiting for batches nobody checks (and results already paid for), so
// a file that does not parse is moved aside and named, and a record that does not validate is
// skipped and counted, never the whole file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as v from 'valibot';
import { BatchJobFileSchema, parseBatchJob, type BatchJob } from '../core/batches/batchJob';
import type { BatchJobStore, BatchJobStoreLoad } from '../core/batches/batchPorts';
import { phrase, verbatim } from '../core/domain/phrase';
import { moveAside, writeFileAtomic } from './atomicFile';

export const BATCH_JOB_FILE = 'provider-batches.json';

export class BatchJobFile implements BatchJobStore {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly directory: string,
    private readonly now: () => number = Date.now,
  ) {}

  get file(): string {
    return path.join(this.directory, BATCH_JOB_FILE);
  }

  async load(): Promise<BatchJobStoreLoad> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { jobs: [], warnings: [] };
      return { jobs: [], warnings: [phrase('batch.store.unreadable', { file: this.file, error: verbatim((error as Error).message) })] };
    }
    let parsed: v.InferOutput<typeof BatchJobFileSchema>;
    try {
      parsed = v.parse(BatchJobFileSchema, JSON.parse(text));
    } catch {
      const aside = await moveAside(this.file, 'unreadable', this.now()).catch(() => this.file);
      return { jobs: [], warnings: [phrase('batch.store.damaged', { aside })] };
    }
    const jobs: BatchJob[] = [];
    for (const raw of parsed.jobs) {
      const job = parseBatchJob(raw);
      if (job) jobs.push(job);
    }
    const skipped = parsed.jobs.length - jobs.length;
    return { jobs, warnings: skipped > 0 ? [phrase('batch.store.skipped', { count: skipped, file: this.file })] : [] };
  }

  /** Saves every job; serialized at once, and queued so an older save never lands after a newer one. */
  save(jobs: readonly BatchJob[]): Promise<void> {
    const text = JSON.stringify({ version: 1, jobs });
    const next = this.chain.then(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      await writeFileAtomic(this.file, text);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
