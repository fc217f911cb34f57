// A log line kept with its task (attempts, waits, failure classes, request ids), bounded so a task
// that retries for an hour cannot grow without limit: the first lines and the newest are kept.
// Each line is a phrase, so the panel shows a stored log in the reader's language.
import { phrase, type Phrase } from './phrase';

export interface TaskLogLine {
  readonly at: number;
  readonly level: 'info' | 'warn';
  readonly message: Phrase;
  readonly attempt?: number;
  /** The workflow step the line is about (index). */
  readonly step?: number;
}

/** Lines kept per task: the first few (how it started) and the newest (how it ended). */
export const MAX_TASK_LOG_LINES = 200;
const HEAD_LINES = 20;

/** Appends `line`; once the log is full, lines after the first few are dropped and counted by one marker line. */
export function appendLogLine(log: TaskLogLine[], line: TaskLogLine, max = MAX_TASK_LOG_LINES): void {
  log.push(line);
  if (log.length <= max) return;
  const head = Math.min(HEAD_LINES, max - 2);
  const marker = log[head]?.message;
  if (marker?.key === 'log.linesNotKept') {
    log.splice(head + 1, 1);
    log[head] = { ...log[head]!, message: phrase('log.linesNotKept', { count: marker.args.count + 1 }) };
  } else {
    log.splice(head, 2, { at: log[head + 1]!.at, level: 'info', message: phrase('log.linesNotKept', { count: 2 }) });
  }
}
