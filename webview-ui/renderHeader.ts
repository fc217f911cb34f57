// The top of the panel: simulator banner, title, status badge, provider/model/priority, detail line.
import type { TaskView } from '../src/shared/protocol';
import type { TaskStatus } from '../src/shared/taskVocabulary';
import { withoutCountdown } from '../src/shared/countdownText';
import { h } from './element';
import { PRIORITY_LABELS, STATUS_LABELS } from './format';
import { icon } from './icons';

export function renderSimulatedBanner(): HTMLElement {
  return h(
    'div',
    { class: 'banner banner-simulated', role: 'alert', 'data-testid': 'banner' },
    icon('warning'),
    h('strong', {}, 'Simulated output from the offline simulator — not a real model.'),
  );
}

export function renderTitle(task: TaskView): HTMLElement {
  return h('h1', { class: 'title', 'data-testid': 'title', title: task.title }, task.title || 'Untitled task');
}

export function renderStatusBadge(status: TaskStatus): HTMLElement {
  return h(
    'vscode-badge',
    { class: 'status-badge', 'data-status': status, 'data-testid': 'status' },
    icon(status, status === 'running' ? 'spin' : ''),
    h('span', { class: 'status-text' }, STATUS_LABELS[status]),
  );
}

/** The ' ' text nodes do not render between flex items; they keep textContent readable. */
export function renderMeta(task: TaskView): HTMLElement {
  return h(
    'div',
    { class: 'meta' },
    renderStatusBadge(task.status),
    ' ',
    h('span', { class: 'meta-item', 'data-testid': 'provider' }, task.providerLabel),
    ' ',
    h('code', { class: 'meta-item model', 'data-testid': 'model' }, task.model),
    ' ',
    h(
      'span',
      { class: 'meta-item priority', 'data-priority': task.priority, 'data-testid': 'priority' },
      `${PRIORITY_LABELS[task.priority]} priority`,
    ),
    ...(task.source ? [' ', h('span', { class: 'meta-item source', 'data-testid': 'source', title: task.source.label }, `from ${task.source.label}`)] : []),
  );
}

/**
 * The transient status line ("retrying in 3s (attempt 2 of 3): rate limited"), if any. It counts
 * down every second, so it is not a live region: the panel's announcer says the state once.
 */
export function renderStatusDetail(task: TaskView): HTMLElement | undefined {
  if (!task.statusDetail) return undefined;
  return h('p', { class: 'status-detail', 'aria-live': 'off', 'data-testid': 'status-detail' }, task.statusDetail);
}

/** What the announcer says for a task's state: its status and status line, without the seconds. */
export function announcement(task: TaskView): string {
  const detail = task.statusDetail ? withoutCountdown(task.statusDetail) : '';
  return detail ? `${STATUS_LABELS[task.status]}: ${detail}` : STATUS_LABELS[task.status];
}
