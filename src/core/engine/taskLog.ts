// A line about one task for the log, with the ids that let a reader follow it: the task and,
// within it, the attempt. The adapters decide where it goes (the output channel).

export interface TaskLogEntry {
  readonly taskId: string;
  /** The attempt the line is about, counting from 1; absent for the task as a whole. */
  readonly attempt?: number;
  /** The workflow step the line is about (index); the engine fills it in for a running workflow. */
  readonly step?: number;
  readonly level: 'info' | 'warn';
  readonly message: string;
}
