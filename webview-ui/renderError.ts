// The failure block of a failed task: code, message and what to do about it.
import type { FailureView } from '../src/shared/protocol';
import { h } from './element';
import { icon } from './icons';

export function renderError(error: FailureView | undefined): HTMLElement | undefined {
  if (!error) return undefined;
  return h(
    'section',
    { class: 'error', role: 'alert', 'data-testid': 'error', 'data-code': error.code },
    h(
      'div',
      { class: 'error-head' },
      icon('error'),
      h('code', { class: 'error-code', 'data-testid': 'error-code' }, error.code),
      ' ',
      error.status !== undefined ? h('span', { class: 'error-status' }, `HTTP ${error.status}`) : undefined,
    ),
    ' ',
    h('p', { class: 'error-message', 'data-testid': 'error-message' }, error.message),
    ' ',
    error.remediation ? h('p', { class: 'error-remediation', 'data-testid': 'error-remediation' }, error.remediation) : undefined,
  );
}
