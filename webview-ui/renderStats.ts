// The row of figures: elapsed/duration, attempts, token usage and cost.
import * as l10n from '@vscode/l10n';
import type { TaskView } from '../src/shared/protocol';
import { h } from './element';
import { formatCost, formatDuration, formatElapsed, taskTiming, usageRows } from './format';

/** A figure; `testId` marks the value alone so tests read "$0.0123", not "Cost$0.0123". */
function tile(label: string, value: string, testId: string, extraClass = ''): HTMLElement {
  // The ' ' text nodes are invisible in the flex layout but keep textContent readable.
  return h(
    'div',
    { class: `stat ${extraClass}`.trim() },
    h('span', { class: 'stat-label' }, label),
    ' ',
    h('span', { class: 'stat-value', 'data-testid': testId }, value),
  );
}

/** The timing tile; `main` redraws just this one every second while `live`. */
export function renderTiming(task: TaskView, now: number): HTMLElement | undefined {
  const timing = taskTiming(task, now);
  if (!timing) return undefined;
  const text = timing.live ? formatElapsed(timing.ms) : formatDuration(timing.ms);
  const el = tile(timing.label, text, 'elapsed', 'stat-timing');
  if (timing.live) el.setAttribute('data-live', '');
  return el;
}

export function renderUsage(task: TaskView): HTMLElement | undefined {
  if (!task.usage) return undefined;
  const estimated = task.usage.estimated;
  return h(
    'div',
    { class: 'usage', 'data-testid': 'usage', 'data-estimated': estimated ? 'true' : 'false', role: 'group', 'aria-label': l10n.t('Token usage') },
    ...usageRows(task.usage).flatMap((row) => [tile(row.label, row.value, `usage-${row.key}`), ' ']),
  );
}

export function renderCost(task: TaskView): HTMLElement | undefined {
  const text = formatCost(task.costUsd, task.usage?.estimated ?? false);
  if (text === undefined) return undefined;
  const muted = task.costUsd === null || task.usage?.estimated === true;
  return tile(l10n.t('Cost'), text, 'cost', muted ? 'stat-muted' : '');
}

export function renderStats(task: TaskView, now: number): HTMLElement {
  return h(
    'div',
    { class: 'stats' },
    renderTiming(task, now),
    tile(l10n.t('Attempts'), String(task.attempts), 'attempts'),
    renderUsage(task),
    renderCost(task),
  );
}
