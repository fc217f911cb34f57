// The task model: what one unit of work is, independent of any UI or provider.
import type { TokenUsage } from './tokenUsage';
import type { FailureCode, TaskFailure } from './taskFailure';
import type { BatchKind, TaskSource } from './taskSource';
import type { PromptFileRef, QualityCheck, QualityScore, Rating } from './quality';
import type { TaskLogLine } from './taskLogLine';
import type { WorkflowStep } from './workflowStep';
import type { Phrase } from './phrase';

import { PRIORITIES, TASK_STATUSES, type Priority, type TaskStatus } from '../../shared/taskVocabulary';

export { PRIORITIES, TASK_STATUSES, type Priority, type TaskStatus };

/** Larger runs first; p-queue orders by numeric priority and is FIFO within one value. */
export const PRIORITY_WEIGHT: Readonly<Record<Priority, number>> = { urgent: 3, high: 2, normal: 1, low: 0 };

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/**
 * A task whose request runs somewhere other than the local queue: in a provider's batch (OpenAI's
 * Batch API, Anthropic's Message Batches). The engine never schedules it; the batch job settles it.
 */
export interface ExternalRun {
  readonly kind: 'providerBatch';
  /** The provider batch job (ours) the request belongs to. */
  readonly jobId: string;
  /** Which of the job's provider batches holds it (a job over the provider's limits is split). */
  readonly part: number;
  /** The request's `custom_id` in that batch, unique within the job. */
  readonly customId: string;
}

/** What a caller supplies to create a task. */
export interface TaskInput {
  readonly title: string;
  readonly prompt: string;
  readonly systemPrompt?: string;
  readonly providerId: string;
  readonly model: string;
  readonly priority?: Priority;
  /** Overrides the engine's default timeout for this task only. */
  readonly timeoutMs?: number;
  /** Groups tasks launched together (a batch, a side-by-side comparison). */
  readonly batchId?: string;
  /** The task this one re-runs, when created by "Retry". */
  readonly retryOf?: string;
  /** Skip the response cache: always send the request ("Run Fresh"). */
  readonly fresh?: boolean;
  /** Runs at the provider, not in the local queue (see ExternalRun). */
  readonly external?: ExternalRun;
  /** What the batch varies: files (one prompt on many files) or models (a comparison). */
  readonly batchKind?: BatchKind;
  /** The user's own words, without the file or selection wrapped around them (batch and source tasks). */
  readonly instruction?: string;
  /** The selection or file the prompt was built from, so the answer can be applied there. */
  readonly source?: TaskSource;
  /** Caps the answer's length for this task (a prompt file's `maxOutputTokens`); else the setting. */
  readonly maxOutputTokens?: number;
  /** A workflow: the steps run in order, each its own attempt loop; `prompt` is then for display. */
  readonly steps?: readonly WorkflowStep[];
  /** Checks on the output; their share passed is the task's quality score. */
  readonly checks?: readonly QualityCheck[];
  /** The prompt file (and its version) the task was run from. */
  readonly promptFile?: PromptFileRef;
}

/** A task answered from the response cache: never scheduled, never sent. */
export interface CachedFrom {
  /** What the run that produced the answer cost, i.e. what serving it again saved; `null` when unpriced. */
  readonly savedUsd: number | null;
  /** When that answer was stored. */
  readonly storedAt: number;
}

export interface Task extends Required<Pick<TaskInput, 'title' | 'prompt' | 'providerId' | 'model'>> {
  readonly id: string;
  readonly systemPrompt?: string;
  readonly priority: Priority;
  readonly timeoutMs?: number;
  readonly batchId?: string;
  readonly retryOf?: string;
  readonly batchKind?: BatchKind;
  readonly instruction?: string;
  readonly source?: TaskSource;
  readonly maxOutputTokens?: number;
  readonly steps?: readonly WorkflowStep[];
  /** The workflow step running now, or the one the workflow stopped at. */
  readonly stepIndex?: number;
  readonly checks?: readonly QualityCheck[];
  /** Set when a task with checks completes. */
  readonly quality?: QualityScore;
  /** A person's thumbs up or down on the finished result. */
  readonly rating?: Rating;
  readonly promptFile?: PromptFileRef;
  /** What happened to the task between its events (attempts, waits, classes, request ids); bounded. */
  readonly log?: readonly TaskLogLine[];
  readonly status: TaskStatus;
  /** Provider calls made so far, including retries inside one run. */
  readonly attempts: number;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Time the first output token arrived, for time-to-first-token statistics. */
  readonly firstTokenAt?: number;
  readonly output: string;
  readonly usage?: TokenUsage;
  /** USD; `null` when the model's price is unknown (never a guess), undefined before usage is known. */
  readonly costUsd?: number | null;
  readonly error?: TaskFailure;
  /** Failure class of each attempt that failed and was retried, in order (for statistics and history). */
  readonly retriedFailures?: readonly FailureCode[];
  /** A transient state such as "retrying in 3s (attempt 2 of 3): rate limited", for the adapters to write. */
  readonly statusDetail?: Phrase;
  /** Set when the answer came from the response cache. */
  readonly cached?: CachedFrom;
  /** Set when the request runs in a provider batch instead of the local queue. */
  readonly external?: ExternalRun;
  /** Submitted to the offline simulator: its output is made up, never a model's. Absent otherwise. */
  readonly simulated?: true;
}

/** The engine's own, writable view of a task; every other layer sees `Task`. */
export type MutableTask = { -readonly [K in keyof Task]: Task[K] };
