// The typed messages between the extension host and the output panel's webview. Both sides import
// this file; each side validates what it receives with these schemas and ignores what does not parse
// (the webview is untrusted input to the host, and the host's messages are checked for drift).
import * as v from 'valibot';
import { schemaParser } from './schemaParser';
import { FAILURE_CODES, PRIORITIES, TASK_STATUSES } from './taskVocabulary';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const seq = v.pipe(v.number(), v.integer(), v.minValue(0));
const taskId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const UsageViewSchema = v.object({
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  reasoningTokens: count,
  estimated: v.boolean(),
});
export type UsageView = v.InferOutput<typeof UsageViewSchema>;

export const FailureViewSchema = v.object({
  code: v.picklist(FAILURE_CODES),
  message: v.string(),
  remediation: v.string(),
  status: v.optional(v.number()),
});
export type FailureView = v.InferOutput<typeof FailureViewSchema>;

export const STEP_STATUS_VIEWS = ['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const;

/** One workflow step as the panel shows it (its output travels in the snapshot only). */
export const StepViewSchema = v.object({
  name: v.string(),
  status: v.picklist(STEP_STATUS_VIEWS),
  attempts: count,
  usage: v.optional(UsageViewSchema),
  costUsd: v.optional(v.nullable(v.number())),
  error: v.optional(v.string()),
  /** Reused from the run this one retried. */
  carried: v.optional(v.boolean()),
});
export type StepView = v.InferOutput<typeof StepViewSchema>;

export const QualityViewSchema = v.object({
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  passed: count,
  total: count,
  failed: v.array(v.object({ check: v.string(), reason: v.string() })),
});
export type QualityView = v.InferOutput<typeof QualityViewSchema>;

export const RATING_VIEWS = ['up', 'down'] as const;
export type RatingView = (typeof RATING_VIEWS)[number];

export const LogLineViewSchema = v.object({
  at: v.number(),
  level: v.picklist(['info', 'warn']),
  message: v.string(),
  attempt: v.optional(count),
  step: v.optional(count),
});
export type LogLineView = v.InferOutput<typeof LogLineViewSchema>;

/** The mutable part of a task, sent whenever it changes. */
export const TaskStateViewSchema = v.object({
  status: v.picklist(TASK_STATUSES),
  statusDetail: v.optional(v.string()),
  /** The status line without its countdown, for the screen-reader announcement (written by the host, in any language). */
  statusDetailSteady: v.optional(v.string()),
  attempts: count,
  startedAt: v.optional(v.number()),
  finishedAt: v.optional(v.number()),
  usage: v.optional(UsageViewSchema),
  /** null = price unknown for this model; absent = not known yet. */
  costUsd: v.optional(v.nullable(v.number())),
  error: v.optional(FailureViewSchema),
  /** A workflow's steps and the one running (or where it stopped). */
  steps: v.optional(v.array(StepViewSchema)),
  stepIndex: v.optional(count),
  quality: v.optional(QualityViewSchema),
  rating: v.optional(v.picklist(RATING_VIEWS)),
});
export type TaskStateView = v.InferOutput<typeof TaskStateViewSchema>;

/** Where a task's input came from, as the panel shows it ("from src/foo.ts:12–40"). */
export const SourceViewSchema = v.object({
  kind: v.picklist(['selection', 'file']),
  label: v.string(),
});
export type SourceView = v.InferOutput<typeof SourceViewSchema>;

/** The result actions the panel offers on a finished task; each runs the command of the same name. */
export const RESULT_ACTIONS = ['copy', 'insertAtCursor', 'replaceSelection', 'openAsDocument', 'compareWithSource', 'applyToFile'] as const;
export type ResultAction = (typeof RESULT_ACTIONS)[number];

/** Usage counted while streaming, always an estimate; the provider's figures replace it at the end. */
export const LiveEstimateSchema = v.object({ usage: UsageViewSchema, costUsd: v.nullable(v.number()) });

export const TaskViewSchema = v.object({
  ...TaskStateViewSchema.entries,
  id: taskId,
  title: v.string(),
  prompt: v.string(),
  providerId: v.string(),
  providerLabel: v.string(),
  model: v.string(),
  priority: v.picklist(PRIORITIES),
  createdAt: v.number(),
  output: v.string(),
  /** True when the provider is the built-in offline simulator, never a real model. */
  simulated: v.boolean(),
  /** Each workflow step's output, by step (the running step's is `output`). */
  stepOutputs: v.optional(v.array(v.string())),
  /** The task's log (attempts, waits, classes, request ids); snapshot only. */
  log: v.optional(v.array(LogLineViewSchema)),
  /** The prompt file the task was run from, and its version. */
  promptFile: v.optional(v.object({ path: v.string(), version: v.string() })),
  source: v.optional(SourceViewSchema),
});
export type TaskView = v.InferOutput<typeof TaskViewSchema>;

// ---- host → webview -------------------------------------------------------------------------

export const HostMessageSchema = v.variant('type', [
  /**
   * Full state of the shown task; `seq` is the last task event it includes. `host` names the
   * extension host instance that sent it: a new one (after a restart) numbers its events afresh,
   * so its snapshot replaces whatever an earlier one said, whatever the seq.
   */
  v.object({ type: v.literal('task/snapshot'), seq, host: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), task: TaskViewSchema }),
  /**
   * Output text to append. `restart` clears earlier output first (a retried attempt); `attempt`
   * (optional) names the attempt that restarted, for the panel's "restarted (attempt N)" marker.
   */
  v.object({
    type: v.literal('task/output'),
    taskId,
    seq,
    text: v.string(),
    restart: v.optional(v.boolean()),
    attempt: v.optional(count),
    /** The workflow step the text belongs to. */
    step: v.optional(count),
    /** Usage and cost so far, estimated from the text streamed (absent once the provider's are known). */
    estimate: v.optional(LiveEstimateSchema),
  }),
  v.object({ type: v.literal('task/state'), taskId, seq, state: TaskStateViewSchema }),
  /**
   * The shown task's rating changed. Ratings are not task events (they come after the terminal
   * event), so this carries no sequence number: it always holds the current rating, last one wins.
   */
  v.object({ type: v.literal('task/rated'), taskId, rating: v.optional(v.picklist(RATING_VIEWS)) }),
  /**
   * The shown task's workflow step outputs and log as they are now (sent after a new attempt and
   * after the terminal state). Always the whole current value, so the last one wins; no sequence.
   */
  v.object({ type: v.literal('task/details'), taskId, stepOutputs: v.optional(v.array(v.string())), log: v.optional(v.array(LogLineViewSchema)) }),
  /** No task to show (none selected, or the shown one was removed). */
  v.object({ type: v.literal('panel/empty') }),
]);
export type HostMessage = v.InferOutput<typeof HostMessageSchema>;

// ---- webview → host -------------------------------------------------------------------------

export const WebviewMessageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('cancel'), taskId }),
  v.object({ type: v.literal('retry'), taskId }),
  /** Thumbs up or down on a finished task; "none" takes the rating back. */
  v.object({ type: v.literal('rate'), taskId, rating: v.picklist([...RATING_VIEWS, 'none']) }),
  v.object({ type: v.literal('result'), taskId, action: v.picklist(RESULT_ACTIONS) }),
]);
export type WebviewMessage = v.InferOutput<typeof WebviewMessageSchema>;

/** What the webview persists with setState so a reload shows the same task. Never output or keys. */
export const WebviewPersistedStateSchema = v.object({ taskId: v.optional(taskId) });
export type WebviewPersistedState = v.InferOutput<typeof WebviewPersistedStateSchema>;

export const parseWebviewMessage: (input: unknown) => WebviewMessage | undefined = schemaParser(WebviewMessageSchema);

export const parseHostMessage: (input: unknown) => HostMessage | undefined = schemaParser(HostMessageSchema);

export const parsePersistedState: (input: unknown) => WebviewPersistedState | undefined = schemaParser(WebviewPersistedStateSchema);

/**
 * Tracks the newest sequence number seen per task so a receiver can drop duplicates and stale
 * messages. A snapshot resets the task's position; deltas must be strictly newer.
 */
export class SequenceGate {
  private readonly lastSeq = new Map<string, number>();

  /** Returns true when the message is new and should be applied. */
  accept(taskIdValue: string, seqValue: number): boolean {
    const last = this.lastSeq.get(taskIdValue);
    if (last !== undefined && seqValue <= last) return false;
    this.lastSeq.set(taskIdValue, seqValue);
    return true;
  }

  /** A snapshot is applied unless an equal-or-newer state was already applied. */
  acceptSnapshot(taskIdValue: string, seqValue: number): boolean {
    return this.accept(taskIdValue, seqValue);
  }

  forget(taskIdValue: string): void {
    this.lastSeq.delete(taskIdValue);
  }
}
