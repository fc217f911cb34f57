// The buttons that put a finished task's answer to use: Copy, Insert at Cursor, Replace Selection
// (selection tasks), Open as New Document, Compare with Source and Apply to File (file tasks).
// Each posts one typed message; the host runs the command of the same name and says what it did.
import type { ResultAction, TaskView } from '../src/shared/protocol';
import { h } from './element';

const REENABLE_MS = 1500;

interface ActionSpec {
  readonly action: ResultAction;
  readonly label: string;
  readonly title: string;
}

function specs(task: TaskView): ActionSpec[] {
  const kind = task.source?.kind;
  return [
    ...(kind === 'file' ? [{ action: 'applyToFile', label: 'Apply to File', title: `Apply the answer to ${task.source?.label ?? 'the file'} (one undo step; never over changes you made since)` } as const] : []),
    ...(kind === 'selection' ? [{ action: 'replaceSelection', label: 'Replace Selection', title: `Replace ${task.source?.label ?? 'the selection'} with the answer (one undo step; never over changes you made since)` } as const] : []),
    ...(kind ? [{ action: 'compareWithSource', label: 'Compare with Source', title: 'Open a diff of the source and the answer' } as const] : []),
    { action: 'insertAtCursor', label: 'Insert at Cursor', title: 'Insert the answer at the cursor of the last text editor' },
    { action: 'copy', label: 'Copy', title: 'Copy the answer (its code block, if it has one)' },
    { action: 'openAsDocument', label: 'Open as New Document', title: 'Open the answer in a new untitled editor' },
  ];
}

/** Undefined unless the task completed: only a finished answer can be used. */
export function renderResultActions(task: TaskView, run: (taskId: string, action: ResultAction) => void): HTMLElement | undefined {
  if (task.status !== 'completed') return undefined;
  return h(
    'div',
    { class: 'result-actions', role: 'toolbar', 'aria-label': 'Use the answer', 'data-testid': 'result-actions' },
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
