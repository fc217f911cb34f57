// The typed messages between the extension host and the results view (one batch or comparison as
// a table, and a comparison's outputs side by side). Same rules as the output panel's protocol:
// both sides validate with these schemas and ignore what does not parse; every row carries its
// task's event sequence number so a stale or repeated update is dropped.
import * as v from 'valibot';
import { QualityViewSchema, RATING_VIEWS } from './protocol';
import { schemaParser } from './schemaParser';
import { TASK_STATUSES } from './taskVocabulary';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const ResultRowSchema = v.object({
  id,
  /** The task's last event sequence number this row includes. */
  seq: count,
  /** What tells the row apart: the file, or the model. */
  label: v.string(),
  status: v.picklist(TASK_STATUSES),
  statusDetail: v.optional(v.string()),
  providerLabel: v.string(),
  model: v.string(),
  createdAt: v.number(),
  startedAt: v.optional(v.number()),
  finishedAt: v.optional(v.number()),
  inputTokens: v.optional(count),
  outputTokens: v.optional(count),
  /** Token figures (and cost) are estimates: counted while streaming, or the provider reported none. */
  estimated: v.boolean(),
  /** null = price unknown; absent = not known yet. */
  costUsd: v.optional(v.nullable(v.number())),
  /** The output's first lines, plain text. */
  preview: v.string(),
  errorCode: v.optional(v.string()),
  errorMessage: v.optional(v.string()),
  /** The whole output (redacted), sent for comparisons only. */
  output: v.optional(v.string()),
  /** The prompt file's checks on the output: the 0–1 score and each failed check. */
  quality: v.optional(QualityViewSchema),
  /** A person's thumbs up or down on a completed task. */
  rating: v.optional(v.picklist(RATING_VIEWS)),
});
export type ResultRow = v.InferOutput<typeof ResultRowSchema>;

export const BatchHeaderSchema = v.object({
  batchId: id,
  kind: v.picklist(['files', 'models']),
  title: v.string(),
  instruction: v.string(),
  total: count,
  done: count,
  completed: count,
  failed: count,
  cancelled: count,
  running: count,
  queued: count,
  costUsd: v.number(),
  costUnknown: v.boolean(),
  active: v.boolean(),
  simulated: v.boolean(),
});
export type BatchHeader = v.InferOutput<typeof BatchHeaderSchema>;

export const ResultsHostMessageSchema = v.variant('type', [
  /** Everything: sent on `ready` and when rows are added or removed. */
  v.object({ type: v.literal('results/snapshot'), batch: BatchHeaderSchema, rows: v.array(ResultRowSchema) }),
  /** Rows that changed since the last message, and the new header. */
  v.object({ type: v.literal('results/update'), batch: BatchHeaderSchema, rows: v.array(ResultRowSchema) }),
  /** The batch is no longer in the task history. */
  v.object({ type: v.literal('results/missing'), batchId: id }),
  /**
   * A task's rating changed. Ratings are not task events (they follow the terminal event), so a
   * row update with the task's unchanged sequence number would be dropped as stale: this message
   * has no sequence and always carries the current rating (absent: none), last one wins.
   */
  v.object({ type: v.literal('results/rated'), taskId: id, rating: v.optional(v.picklist(RATING_VIEWS)) }),
]);
export type ResultsHostMessage = v.InferOutput<typeof ResultsHostMessageSchema>;

export const ResultsWebviewMessageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('openTask'), taskId: id }),
  v.object({ type: v.literal('retryFailed') }),
  v.object({ type: v.literal('cancelBatch') }),
  v.object({ type: v.literal('reviewChanges') }),
  /** Thumbs up or down on a completed task of this batch; "none" takes the rating back. */
  v.object({ type: v.literal('rate'), taskId: id, rating: v.picklist([...RATING_VIEWS, 'none']) }),
]);
export type ResultsWebviewMessage = v.InferOutput<typeof ResultsWebviewMessageSchema>;

export const RESULT_SORT_KEYS = ['label', 'status', 'score', 'duration', 'tokens', 'cost'] as const;
export type ResultSortKey = (typeof RESULT_SORT_KEYS)[number];
export const RESULT_FILTERS = ['all', ...TASK_STATUSES] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

/** What the view persists with setState: which batch, and how the table was sorted and filtered. */
export const ResultsPersistedStateSchema = v.object({
  batchId: v.optional(id),
  sort: v.optional(v.object({ key: v.picklist(RESULT_SORT_KEYS), descending: v.boolean() })),
  filter: v.optional(v.picklist(RESULT_FILTERS)),
});
export type ResultsPersistedState = v.InferOutput<typeof ResultsPersistedStateSchema>;

export const parseResultsHostMessage: (input: unknown) => ResultsHostMessage | undefined = schemaParser(ResultsHostMessageSchema);

export const parseResultsWebviewMessage: (input: unknown) => ResultsWebviewMessage | undefined = schemaParser(ResultsWebviewMessageSchema);

export const parseResultsState: (input: unknown) => ResultsPersistedState | undefined = schemaParser(ResultsPersistedStateSchema);
