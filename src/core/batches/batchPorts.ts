// What the batch job logic needs from the rest of the product, as narrow ports: the engine (to make
// tasks that wait at their provider and settle them), a store for the job records, and the batch
// client of a provider. The composition root passes the real ones; tests pass fakes.
import type { ExternalResult } from '../domain/externalResult';
import type { ProviderBatchApi } from '../domain/providerBatchApi';
import type { TaskEvent } from '../domain/taskEvents';
import type { Task, TaskInput } from '../domain/taskModel';
import type { BatchJob } from './batchJob';
import type { Phrase } from '../domain/phrase';

/** The part of TaskEngine the jobs use. */
export interface BatchTaskPort {
  submit(input: TaskInput): Task;
  get(taskId: string): Task | undefined;
  list(): readonly Task[];
  settleExternal(taskId: string, result: ExternalResult): boolean;
  setExternalDetail(taskIds: readonly string[], detail: Phrase): void;
  cancel(taskId: string, reason?: Phrase): boolean;
  retry(taskId: string): Task | undefined;
  readonly events: { on(listener: (event: TaskEvent) => void): () => void };
}

export interface BatchJobStoreLoad {
  readonly jobs: readonly BatchJob[];
  /** What a person should be told (a damaged file moved aside, records skipped). */
  readonly warnings: readonly Phrase[];
}

/** Where job records are kept (src/persistence/batchJobFile.ts). */
export interface BatchJobStore {
  load(): Promise<BatchJobStoreLoad>;
  /** Replaces what is stored with these jobs; resolves once durable. */
  save(jobs: readonly BatchJob[]): Promise<void>;
}

export type BatchApiLookup = (providerId: string) => ProviderBatchApi | undefined;

export type BatchLogLevel = 'info' | 'warn' | 'error';
export type BatchLog = (level: BatchLogLevel, message: string) => void;
