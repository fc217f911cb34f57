// The top of the panel: simulator banner, title, status badge, provider/model/priority, detail line.
import * as l10n from '@vscode/l10n';
import type { TaskView } from '../src/shared/protocol';
import type { TaskStatus } from '../src/shared/taskVocabulary';
import { h } from './element';
import { priorityText, statusLabel } from './format';
import { icon } from './icons';

/** Shared with the results view's banner. */
export function simulatedNotice(): string {
  return l10n.t('Simulated output from the offline simulator — not a real model.');
}

export function renderSimulatedBanner(): HTMLElement {
  return h(
    'div',
    { class: 'banner banner-simulated', role: 'alert', 'data-testid': 'banner' },
    icon('warning'),
    h('strong', {}, simulatedNotice()),
  );
}

export function renderTitle(task: TaskView): HTMLElement {
  return h('h1', { class: 'title', 'data-testid': 'title', title: task.title }, task.title || l10n.t('Untitled task'));
}

export function renderStatusBadge(status: TaskStatus): HTMLElement {
  return h(
    'vscode-badge',
    { class: 'status-badge', 'data-status': status, 'data-testid': 'status' },
    icon(status, status === 'running' ? 'spin' : ''),
    h('span', { class: 'status-text' }, statusLabel(status)),
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
      priorityText(task.priority),
    ),
    ...(task.source ? [' ', h('span', { class: 'meta-item source', 'data-testid': 'source', title: task.source.label }, l10n.t('from {0}', task.source.label))] : []),
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
  // The host sends the line without its countdown when it has one, so this reads the same each second.
  const detail = task.statusDetailSteady ?? task.statusDetail ?? '';
  return detail ? l10n.t('{0}: {1}', statusLabel(task.status), detail) : statusLabel(task.status);
}
