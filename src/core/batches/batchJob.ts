// The record of one provider batch job, as it is kept across reloads, crashes and restarts: which
// provider, the provider batches it was split into, what each last reported and when, and how far
// its results were taken in. Which task is which request is kept on the tasks themselves
// (Task.external), so the record stays small however many requests the job has. Stored records
// are untrusted input on the way back in, so every one is validated; one bad record is skipped.
import * as v from 'valibot';
import { StoredPhraseSchema } from '../domain/phrases/storedPhraseSchema';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite());
const text = v.pipe(v.string(), v.maxLength(4000));

/**
 * A part (one provider batch) moves pending → submitting → submitted → ended → ingested. "failed":
 * it could not be submitted and its tasks failed; "lost": the provider no longer knows it;
 * "cancelled": cancelled (or every task of it cancelled) before it was submitted.
 */
export const PART_STATES = ['pending', 'submitting', 'submitted', 'ended', 'ingested', 'failed', 'lost', 'cancelled'] as const;
export type PartState = (typeof PART_STATES)[number];

const StateSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  phase: v.picklist(['validating', 'in_progress', 'finalizing', 'cancelling', 'ended']),
  providerStatus: v.pipe(v.string(), v.maxLength(100)),
  outcome: v.optional(v.picklist(['completed', 'failed', 'expired', 'cancelled'])),
  counts: v.object({ total: count, done: count, failed: count }),
  progressKnown: v.boolean(),
  createdAt: v.optional(time),
  expiresAt: v.optional(time),
  endedAt: v.optional(time),
  // A string here was written before the reason became a phrase; it reads as the text it was.
  problem: v.optional(StoredPhraseSchema),
  lineErrors: v.optional(v.pipe(v.array(v.object({ line: v.optional(count), code: v.optional(v.string()), message: v.optional(text) })), v.readonly())),
  resultsRef: v.record(v.string(), v.string()),
});

export const BatchPartSchema = v.object({
  index: count,
  requests: count,
  bytes: count,
  state: v.picklist(PART_STATES),
  /** When a create call was last (perhaps) sent: a restart looks for a batch created since. */
  submitStartedAt: v.optional(time),
  submitAttempts: count,
  /** Requests the last submission sent (tasks cancelled before it are left out). */
  sentRequests: v.optional(count),
  submittedAt: v.optional(time),
  providerBatchId: v.optional(v.string()),
  /** What the provider said on the last check. */
  status: v.optional(StateSchema),
  lastPolledAt: v.optional(time),
  /** Checks in a row that saw no change or failed: the poll interval grows with it. */
  quietChecks: count,
  failedChecks: count,
  /** Checks in a row the provider answered 404: after a few, the batch counts as gone. */
  notFoundChecks: v.optional(count),
  /**
   * Why the last check, submission or download failed, for the status line and the tooltip: a
   * phrase; a record saved before phrases holds the English sentence, read as verbatim text.
   */
  lastError: v.optional(StoredPhraseSchema),
  /** A retry-after the provider asked for on its last answer. */
  retryAfterMs: v.optional(count),
  /** The provider was asked to cancel this batch (or said it could not be). */
  cancelSent: v.boolean(),
});

export const BatchJobSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  providerId: v.pipe(v.string(), v.minLength(1)),
  title: text,
  /** The task group (Task.batchId) the job's tasks belong to. */
  batchId: v.optional(v.string()),
  models: v.array(v.string()),
  requests: count,
  createdAt: time,
  /** The job this one re-runs the failed requests of. */
  retryOf: v.optional(v.string()),
  cancelRequested: v.boolean(),
  parts: v.array(BatchPartSchema),
  endedAt: v.optional(time),
});

export type BatchPart = v.InferOutput<typeof BatchPartSchema>;
export type BatchJob = v.InferOutput<typeof BatchJobSchema>;
export type MutableBatchPart = { -readonly [K in keyof BatchPart]: BatchPart[K] };

export function parseBatchJob(value: unknown): BatchJob | undefined {
  const result = v.safeParse(BatchJobSchema, value);
  return result.success ? result.output : undefined;
}

/** The file the jobs are kept in: every job, with a version for the format. */
export const BatchJobFileSchema = v.object({ version: v.literal(1), jobs: v.array(v.unknown()) });

export function isPartActive(part: BatchPart): boolean {
  return part.state === 'pending' || part.state === 'submitting' || part.state === 'submitted' || part.state === 'ended';
}

export function isJobActive(job: BatchJob): boolean {
  return job.parts.some(isPartActive);
}
