// The task's own log under a collapsible "Log": attempts, waits, failure classes and request ids,
// one line each with its time, step and attempt. Collapsed by default; stays as the reader left it.
import type { TaskView } from '../src/shared/protocol';
import { h } from './element';

function clock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour12: false });
}

export function renderLog(task: TaskView, open: boolean, onToggle: (open: boolean) => void): HTMLElement | undefined {
  const log = task.log;
  if (!log || log.length === 0) return undefined;
  const lines = log.map((l) => {
    const where = [l.step !== undefined ? (task.steps?.[l.step]?.name ?? `step ${l.step + 1}`) : undefined, l.attempt !== undefined ? `attempt ${l.attempt}` : undefined].filter(Boolean).join(', ');
    return h('div', { class: `log-line log-${l.level}` }, h('span', { class: 'log-time' }, clock(l.at)), ' ', where ? h('span', { class: 'log-where' }, `[${where}] `) : undefined, l.message);
  });
  const details = h('details', { class: 'task-log', 'data-testid': 'log', ...(open && { open: true }) }, h('summary', {}, `Log (${log.length} line${log.length === 1 ? '' : 's'})`), h('div', { class: 'log-lines', role: 'log' }, ...lines));
  details.addEventListener('toggle', () => onToggle(details.open));
  return details;
}
