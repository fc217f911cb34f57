// The top of the results view: the prompt, progress (done/total, failures, spend), the batch's
// actions, and the status filter with counts and a search box.
import * as l10n from '@vscode/l10n';
import type { BatchHeader, ResultFilter } from '../../src/shared/resultsProtocol';
import { h } from '../element';
import { statusLabel } from '../format';
import { simulatedNotice } from '../renderHeader';
import { progressText } from './rowCells';
import type { ResultsModel } from './resultsModel';

export interface HeaderActions {
  retryFailed(): void;
  cancelBatch(): void;
  reviewChanges(): void;
  filterChanged(): void;
}

const FILTER_ORDER: readonly ResultFilter[] = ['all', 'completed', 'failed', 'cancelled', 'running', 'queued'];

function button(label: string, testId: string, secondary: boolean, run: () => void): HTMLElement {
  const el = h('vscode-button', { 'data-testid': testId, secondary }, label);
  el.addEventListener('click', () => {
    if (el.disabled) return;
    el.disabled = true;
    run();
    setTimeout(() => (el.disabled = false), 1500);
  });
  return el;
}

export function renderHeader(b: BatchHeader, actions: HeaderActions): HTMLElement {
  const kind = b.kind === 'models' ? l10n.t('Comparison of {0} models', b.total) : l10n.t('Batch of {0} files', b.total);
  return h(
    'header',
    { class: 'results-header' },
    b.simulated ? h('div', { class: 'banner banner-simulated', role: 'alert' }, h('strong', {}, simulatedNotice())) : undefined,
    h('div', { class: 'results-kind' }, kind),
    h('h1', { class: 'title', 'data-testid': 'results-title', title: b.instruction }, b.title),
    h('details', { class: 'results-prompt' }, h('summary', {}, l10n.t('Prompt')), h('pre', {}, b.instruction)),
    h(
      'div',
      { class: 'results-progress-line' },
      h('span', { class: 'results-progress', 'data-testid': 'results-progress', role: 'status' }, progressText(b)),
      h(
        'span',
        { class: 'actions' },
        b.kind === 'files' && b.completed > 0 ? button(l10n.t('Review and Apply…'), 'review', false, actions.reviewChanges) : undefined,
        b.failed + b.cancelled > 0 ? button(l10n.t('Retry Failed ({0})', b.failed + b.cancelled), 'retry-failed', true, actions.retryFailed) : undefined,
        b.active ? button(l10n.t('Cancel Batch'), 'cancel-batch', true, actions.cancelBatch) : undefined,
      ),
    ),
  );
}

/** Status buttons with counts, and a search box; built once and updated in place so typing keeps focus. */
export class ResultsFilters {
  readonly element: HTMLElement;
  private readonly buttons = new Map<ResultFilter, HTMLElement>();

  constructor(
    private readonly model: ResultsModel,
    actions: HeaderActions,
  ) {
    const search = h('input', { class: 'results-search', type: 'search', placeholder: l10n.t('Search files, models, output'), 'aria-label': l10n.t('Search the results'), 'data-testid': 'results-search' });
    search.addEventListener('input', () => {
      model.query = search.value;
      actions.filterChanged();
    });
    for (const f of FILTER_ORDER) {
      const el = h('vscode-button', { 'data-testid': `filter-${f}` });
      el.addEventListener('click', () => {
        model.filter = f;
        actions.filterChanged();
      });
      this.buttons.set(f, el);
    }
    this.element = h('div', { class: 'results-filters', role: 'toolbar', 'aria-label': l10n.t('Filter by status') }, ...this.buttons.values(), search);
  }

  update(): void {
    const counts = this.model.counts();
    for (const [f, el] of this.buttons) {
      const text = f === 'all' ? l10n.t('All ({0})', counts[f]) : l10n.t('{0} ({1})', statusLabel(f), counts[f]);
      if (el.textContent !== text) el.textContent = text;
      const selected = this.model.filter === f;
      el.toggleAttribute('secondary', !selected);
      el.setAttribute('aria-pressed', String(selected));
      el.hidden = f !== 'all' && counts[f] === 0 && !selected;
    }
  }
}
