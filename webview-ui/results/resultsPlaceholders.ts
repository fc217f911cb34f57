// What the results view shows instead of its table: while the first snapshot is on its way, when
// the batch has left the task history, and under a filter that matches no row.
import * as l10n from '@vscode/l10n';
import { h } from '../element';

export function loadingResults(): HTMLElement {
  return h('div', { class: 'placeholder-state', 'data-testid': 'loading' }, h('vscode-progress-ring', { 'aria-label': l10n.t('Loading results') }), h('p', {}, l10n.t('Loading results…')));
}

export function missingBatch(): HTMLElement {
  return h('div', { class: 'placeholder-state', 'data-testid': 'results-missing' }, h('h1', { class: 'placeholder-title' }, l10n.t('This batch is no longer in the task history')));
}

/** Hidden until the filter or the search leaves no row to show. */
export function noMatch(): HTMLElement {
  return h('p', { class: 'output-placeholder', 'data-testid': 'results-none', hidden: true }, l10n.t('No task matches the filter.'));
}
