// A line about one task for the log, with the ids that let a reader follow it: the task and,
// within it, the attempt (and a workflow's step). The adapters decide where it goes (the output
// channel); a copy is kept with the task itself, bounded.
import type { MutableTask } from '../domain/taskModel';
import { appendLogLine, type TaskLogLine } from '../domain/taskLogLine';
import type { Phrase } from '../domain/phrase';

export interface TaskLogEntry {
  readonly taskId: string;
  /** The attempt the line is about, counting from 1; absent for the task as a whole. */
  readonly attempt?: number;
  /** The workflow step the line is about (index); the engine fills it in for a running workflow. */
  readonly step?: number;
  readonly level: 'info' | 'warn';
  readonly message: Phrase;
}

/**
 * Keeps `entry` with its task (when the task is known), with the running workflow step filled in,
 * and returns the entry as it should reach the log channel.
 */
export function keepTaskLog(task: MutableTask | undefined, entry: TaskLogEntry, now: number): TaskLogEntry {
  const step = entry.step ?? (task?.steps ? task.stepIndex : undefined);
  if (task) {
    task.log ??= [];
    appendLogLine(task.log as TaskLogLine[], { at: now, level: entry.level, message: entry.message, ...(entry.attempt !== undefined && { attempt: entry.attempt }), ...(step !== undefined && { step }) });
  }
  return step !== undefined && entry.step === undefined ? { ...entry, step } : entry;
}
