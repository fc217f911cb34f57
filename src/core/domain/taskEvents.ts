// The ordered event stream every surface relies on: queued → started → progress… → usage → exactly
// one of completed / failed / cancelled. TaskEventBus enforces the order; these are the payloads.
import type { Task } from './taskModel';
import type { Phrase } from './phrase';
import type { TaskFailure } from './taskFailure';
import type { TokenUsage } from './tokenUsage';

export type TaskEventPayload =
  | { readonly type: 'queued'; readonly task: Task }
  | { readonly type: 'started'; readonly attempt: number }
  /**
   * Output or state progress while running. `text` is appended output; `restart` means earlier
   * output was discarded because a new attempt began; `detail` is a transient status line.
   */
  /**
   * In a workflow, `step` is the step the progress belongs to; `restart` with a `step` and no
   * `attempt` means that step has begun (its output starts empty).
   */
  | { readonly type: 'progress'; readonly text?: string; readonly restart?: boolean; readonly detail?: Phrase; readonly attempt?: number; readonly step?: number }
  | { readonly type: 'usage'; readonly usage: TokenUsage; readonly costUsd: number | null }
  | { readonly type: 'completed' }
  | { readonly type: 'failed'; readonly failure: TaskFailure }
  | { readonly type: 'cancelled'; readonly reason: Phrase };

export type TaskEventType = TaskEventPayload['type'];

export type TaskEvent = TaskEventPayload & {
  readonly taskId: string;
  /** Per-task, strictly increasing from 1; receivers use it to drop duplicates and stale messages. */
  readonly seq: number;
  readonly at: number;
};

export const TERMINAL_EVENT_TYPES: ReadonlySet<TaskEventType> = new Set(['completed', 'failed', 'cancelled']);
