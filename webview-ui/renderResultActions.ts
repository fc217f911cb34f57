// The buttons that put a finished task's answer to use: Copy, Insert at Cursor, Replace Selection
// (selection tasks), Open as New Document, Compare with Source and Apply to File (file tasks).
// Each posts one typed message; the host runs the command of the same name and says what it did.
import * as l10n from '@vscode/l10n';
import type { ResultAction, TaskView } from '../src/shared/protocol';
import { h } from './element';

const REENABLE_MS = 1500;

interface ActionSpec {
  readonly action: ResultAction;
  readonly label: string;
  readonly title: string;
}

function specs(task: TaskView): ActionSpec[] {
  const source = task.source;
  return [
    ...(source?.kind === 'file' ? [{ action: 'applyToFile', label: l10n.t('Apply to File'), title: l10n.t('Apply the answer to {0} (one undo step; never over changes you made since)', source.label) } as const] : []),
    ...(source?.kind === 'selection' ? [{ action: 'replaceSelection', label: l10n.t('Replace Selection'), title: l10n.t('Replace {0} with the answer (one undo step; never over changes you made since)', source.label) } as const] : []),
    ...(source ? [{ action: 'compareWithSource', label: l10n.t('Compare with Source'), title: l10n.t('Open a diff of the source and the answer') } as const] : []),
    { action: 'insertAtCursor', label: l10n.t('Insert at Cursor'), title: l10n.t('Insert the answer at the cursor of the last text editor') },
    { action: 'copy', label: l10n.t('Copy'), title: l10n.t('Copy the answer (its code block, if it has one)') },
    { action: 'openAsDocument', label: l10n.t('Open as New Document'), title: l10n.t('Open the answer in a new untitled editor') },
  ];
}

/** Undefined unless the task completed: only a finished answer can be used. */
export function renderResultActions(task: TaskView, run: (taskId: string, action: ResultAction) => void): HTMLElement | undefined {
  if (task.status !== 'completed') return undefined;
  return h(
    'div',
    { class: 'result-actions', role: 'toolbar', 'aria-label': l10n.t('Use the answer'), 'data-testid': 'result-actions' },
    ...specs(task).map((spec, i) => {
      const el = h('vscode-button', { 'data-testid': `result-${spec.action}`, title: spec.title, secondary: i > 0 }, spec.label);
      el.addEventListener('click', () => {
        if (el.disabled) return;
        el.disabled = true;
        run(task.id, spec.action);
        setTimeout(() => {
          el.disabled = false;
        }, REENABLE_MS);
      });
      return el;
    }),
  );
}
