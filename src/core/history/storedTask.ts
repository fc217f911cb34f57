// The shape of one task in the history store, and the conversions to and from the engine's Task.
// Stored records are untrusted input on the way back in (a file can be old, edited or damaged), so
// every record is validated; one bad record is skipped, never the whole history.
import * as v from 'valibot';
import { UsageViewSchema } from '../../shared/protocol';
import { SIMULATOR_PROVIDER_ID } from '../../shared/ids';
import { FAILURE_CODES, PRIORITIES, TASK_STATUSES } from '../../shared/taskVocabulary';
import { cutMarked, STORED_PARTS_ENTRIES, StoredFailureSchema, storedFailure, toStoredParts } from './storedTaskParts';
import type { Task } from '../domain/taskModel';
import { BATCH_KINDS } from '../domain/taskSource';
import { phraseId, type PhraseWords } from '../domain/phrase';

/** Output kept per task in the store; the head is kept, the rest replaced by a marker. */
export const MAX_STORED_OUTPUT_CHARS = 256 * 1024;
/**
 * A running task's last characters are held back until it finishes: a key the model is echoing
 * may be cut in half at a save, and half a key is not recognised (so not redacted) by the redactor.
 * Used when the caller has no `safeLength` (the redactor's exact answer).
 */
export const RUNNING_OUTPUT_HOLDBACK_CHARS = 256;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite());


const FailureSchema = StoredFailureSchema;

const line = v.pipe(v.number(), v.integer(), v.minValue(0));
const SourceBase = {
  uri: v.pipe(v.string(), v.minLength(1)),
  path: v.string(),
  languageId: v.string(),
  contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  promptSpan: v.object({ start: count, length: count }),
};
const SourceSchema = v.variant('kind', [
  v.object({
    kind: v.literal('selection'),
    ...SourceBase,
    range: v.object({ startLine: line, startCharacter: line, endLine: line, endCharacter: line }),
    documentVersion: count,
  }),
  v.object({ kind: v.literal('file'), ...SourceBase }),
]);

export const StoredTaskSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  title: v.string(),
  prompt: v.string(),
  systemPrompt: v.optional(v.string()),
  providerId: v.string(),
  model: v.string(),
  priority: v.picklist(PRIORITIES),
  timeoutMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  batchId: v.optional(v.string()),
  retryOf: v.optional(v.string()),
  batchKind: v.optional(v.picklist(BATCH_KINDS)),
  instruction: v.optional(v.string()),
  source: v.optional(SourceSchema),
  status: v.picklist(TASK_STATUSES),
  attempts: count,
  createdAt: time,
  startedAt: v.optional(time),
  finishedAt: v.optional(time),
  firstTokenAt: v.optional(time),
  output: v.string(),
  /** Characters of output dropped by the store's per-task cap (absent when nothing was dropped). */
  outputDroppedChars: v.optional(count),
  // Stored usage has exactly the shape the panel receives; one schema keeps them from drifting.
  usage: v.optional(UsageViewSchema),
  costUsd: v.optional(v.nullable(v.number())),
  error: v.optional(FailureSchema),
  retriedFailures: v.optional(v.array(v.picklist(FAILURE_CODES))),
  /** Answered from the response cache: what that saved, and when the answer was stored. */
  cached: v.optional(v.object({ savedUsd: v.nullable(v.number()), storedAt: time })),
  /** Runs in a provider batch: the job, which of its provider batches, and the request's custom_id there. */
  external: v.optional(v.object({ kind: v.literal('providerBatch'), jobId: v.pipe(v.string(), v.minLength(1)), part: count, customId: v.pipe(v.string(), v.minLength(1)) })),
  ...STORED_PARTS_ENTRIES,
  /** Submitted to the offline simulator (its output is made up). */
  simulated: v.optional(v.literal(true)),
  /** When this record was written; a running task that never finished ended at about this time. */
  savedAt: time,
});

export type StoredTask = v.InferOutput<typeof StoredTaskSchema>;

export function parseStoredTask(value: unknown): StoredTask | undefined {
  const result = v.safeParse(StoredTaskSchema, value);
  return result.success ? result.output : undefined;
}

export interface StoreTaskOptions {
  readonly savedAt: number;
  /** Blanks known API keys out of text before it reaches the disk. */
  readonly redact?: (text: string) => string;
  /** How much of a growing text can be written without cutting a key in two (SecretRedactor.safeLength). */
  readonly safeLength?: (text: string) => number;
  readonly maxOutputChars?: number;
  /** Writes the marker that ends a cut step output; the adapter passes phraseText (default: the phrase's id). */
  readonly words?: PhraseWords;
}

export function toStoredTask(task: Task, options: StoreTaskOptions): StoredTask {
  const redact = options.redact ?? ((text: string): string => text);
  const max = options.maxOutputChars ?? MAX_STORED_OUTPUT_CHARS;
  const safe = options.safeLength ? options.safeLength(task.output) : task.output.length - RUNNING_OUTPUT_HOLDBACK_CHARS;
  const visible = task.status === 'running' ? task.output.slice(0, Math.max(0, safe)) : task.output;
  const redacted = redact(visible);
  const dropped = Math.max(0, redacted.length - max);
  return {
    id: task.id,
    title: redact(task.title),
    prompt: redact(task.prompt),
    ...(task.systemPrompt !== undefined && { systemPrompt: redact(task.systemPrompt) }),
    providerId: task.providerId,
    model: task.model,
    priority: task.priority,
    ...(task.timeoutMs !== undefined && { timeoutMs: task.timeoutMs }),
    ...(task.batchId !== undefined && { batchId: task.batchId }),
    ...(task.retryOf !== undefined && { retryOf: task.retryOf }),
    ...(task.batchKind !== undefined && { batchKind: task.batchKind }),
    ...(task.instruction !== undefined && { instruction: redact(task.instruction) }),
    // The span and hash still describe the prompt as sent; a redacted prompt simply stops
    // matching the hash, and the answer is then applied only after the user saw the diff.
    ...(task.source !== undefined && { source: task.source }),
    status: task.status,
    attempts: task.attempts,
    createdAt: task.createdAt,
    ...(task.startedAt !== undefined && { startedAt: task.startedAt }),
    ...(task.finishedAt !== undefined && { finishedAt: task.finishedAt }),
    ...(task.firstTokenAt !== undefined && { firstTokenAt: task.firstTokenAt }),
    output: dropped > 0 ? redacted.slice(0, max) : redacted,
    ...(dropped > 0 && { outputDroppedChars: dropped }),
    ...(task.usage !== undefined && { usage: { ...task.usage } }),
    ...(task.costUsd !== undefined && { costUsd: task.costUsd }),
    ...(task.error !== undefined && { error: storedFailure(task.error, redact) }),
    ...(task.retriedFailures !== undefined && task.retriedFailures.length > 0 && { retriedFailures: [...task.retriedFailures] }),
    ...(task.cached !== undefined && { cached: { ...task.cached } }),
    ...(task.external !== undefined && { external: { ...task.external } }),
    ...toStoredParts(task, redact, max, options.words ?? phraseId),
    ...(task.simulated && { simulated: true as const }),
    savedAt: options.savedAt,
  };
}

/**
 * The engine's view of a stored task. A cut output says so at its end, so nobody mistakes it for
 * the whole; `words` writes that marker (the adapter passes phraseText; default: the phrase's id).
 */
export function fromStoredTask(stored: StoredTask, words: PhraseWords = phraseId): Task {
  const { savedAt: _savedAt, outputDroppedChars, simulated, ...task } = stored;
  const output = outputDroppedChars ? cutMarked(task.output, outputDroppedChars, words) : task.output;
  // Records written before the flag existed: the simulator's provider id is reserved for it.
  return { ...task, output, ...((simulated || task.providerId === SIMULATOR_PROVIDER_ID) && { simulated: true as const }) };
}
