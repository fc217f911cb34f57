// Changes to the task history that are not part of one task's event stream: tasks that come back
// from the store (or from an undo) and tasks removed from history. They travel on their own channel
// because the per-task stream allows nothing after a terminal event, and a restored finished task
// has already had its terminal event in an earlier session.
import type { Task } from '../domain/taskModel';

export type HistoryChange =
  | { readonly type: 'restored'; readonly tasks: readonly Task[] }
  | { readonly type: 'removed'; readonly taskIds: readonly string[] }
  /** A finished task changed without an event of its own (a rating). */
  | { readonly type: 'updated'; readonly tasks: readonly Task[] };
