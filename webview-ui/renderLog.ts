// The task's own log under a collapsible "Log": attempts, waits, failure classes and request ids,
// one line each with its time, step and attempt. Collapsed by default; stays as the reader left it.
// The lines themselves are written (and translated) by the host; only their frame is worded here.
import * as l10n from '@vscode/l10n';
import type { LogLineView, TaskView } from '../src/shared/protocol';
import { h } from './element';

function clock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour12: false });
}

/** "[draft, attempt 2] ", "[attempt 2] ", "[draft] " or nothing: where in the run a line was written. */
function where(task: TaskView, line: LogLineView): string | undefined {
  const step = line.step === undefined ? undefined : (task.steps?.[line.step]?.name ?? l10n.t('step {0}', line.step + 1));
  if (step !== undefined && line.attempt !== undefined) return l10n.t('[{0}, attempt {1}]', step, line.attempt);
  if (line.attempt !== undefined) return l10n.t('[attempt {0}]', line.attempt);
  return step === undefined ? undefined : `[${step}]`;
}

export function renderLog(task: TaskView, open: boolean, onToggle: (open: boolean) => void): HTMLElement | undefined {
  const log = task.log;
  if (!log || log.length === 0) return undefined;
  const lines = log.map((l) => {
    const at = where(task, l);
    return h('div', { class: `log-line log-${l.level}` }, h('span', { class: 'log-time' }, clock(l.at)), ' ', at ? h('span', { class: 'log-where' }, `${at} `) : undefined, l.message);
  });
  const summary = log.length === 1 ? l10n.t('Log (1 line)') : l10n.t('Log ({0} lines)', log.length);
  const details = h('details', { class: 'task-log', 'data-testid': 'log', ...(open && { open: true }) }, h('summary', {}, summary), h('div', { class: 'log-lines', role: 'log' }, ...lines));
  details.addEventListener('toggle', () => onToggle(details.open));
  return details;
}
