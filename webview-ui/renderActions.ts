// Cancel (queued/running) and Retry (failed/cancelled). Clicks post to the host; a clicked button
// is disabled until the host's answer redraws the actions, or for a few seconds if none comes
// (Retry starts a new task, so the shown one may never change).
import * as l10n from '@vscode/l10n';
import type { ResultAction, TaskView } from '../src/shared/protocol';
import { h } from './element';
import { canCancel, canRetry } from './format';
import { icon } from './icons';

const REENABLE_MS = 4000;

export interface PanelActions {
  cancel(taskId: string): void;
  retry(taskId: string): void;
  result(taskId: string, action: ResultAction): void;
}

function button(label: string, testId: string, iconName: 'stop' | 'retry', secondary: boolean, onClick: () => void): HTMLElement {
  const iconEl = icon(iconName);
  iconEl.setAttribute('slot', 'content-before');
  const el = h('vscode-button', { 'data-testid': testId, secondary }, iconEl, label);
  el.addEventListener('click', () => {
    if (el.disabled) return;
    el.disabled = true;
    onClick();
    setTimeout(() => {
      el.disabled = false;
    }, REENABLE_MS);
  });
  return el;
}

export function renderActions(task: TaskView, actions: PanelActions): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    canCancel(task.status) ? button(l10n.t('Cancel'), 'cancel', 'stop', true, () => actions.cancel(task.id)) : undefined,
    canRetry(task.status) ? button(l10n.t('Retry'), 'retry', 'retry', false, () => actions.retry(task.id)) : undefined,
  );
}
