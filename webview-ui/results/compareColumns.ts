// A comparison's outputs side by side, one column per model with its duration, tokens and cost,
// and its score (each failed check listed) and rating buttons, the way an eval table reads. Output is untrusted: rendered through the same sanitizing markdown
// renderer as the output panel, and only the still-growing tail is re-rendered while it streams.
import * as l10n from '@vscode/l10n';
import type { ResultRow } from '../../src/shared/resultsProtocol';
import { h } from '../element';
import { icon } from '../icons';
import { stableBoundary } from '../markdownBlocks';
import { renderMarkdown } from '../safeHtml';
import { costText, durationText, statusText, tokensText } from './rowCells';
import { ratingKey, renderColumnQuality, type RateAction } from './qualityCells';

interface Column {
  readonly el: HTMLElement;
  readonly status: HTMLElement;
  readonly figures: HTMLElement;
  readonly quality: HTMLElement;
  /** What the quality slot shows, so it is redrawn (and a focused button loses focus) only on a change. */
  qualityFor: string | undefined;
  readonly stable: HTMLElement;
  readonly tail: HTMLElement;
  committed: string;
  drawn: string | undefined;
}

export class CompareColumns {
  readonly element: HTMLElement;
  private readonly columns = new Map<string, Column>();

  constructor(
    private readonly open: (taskId: string) => void,
    private readonly rate: RateAction,
  ) {
    this.element = h('section', { class: 'compare', 'data-testid': 'compare', 'aria-label': l10n.t('Outputs side by side') });
  }

  rebuild(rows: readonly ResultRow[], now: number): void {
    this.columns.clear();
    this.element.replaceChildren(...rows.map((r) => this.column(r).el));
    rows.forEach((r) => this.patch(r, now));
  }

  patch(row: ResultRow, now: number): void {
    const col = this.columns.get(row.id);
    if (!col) return;
    col.el.setAttribute('data-status', row.status);
    col.status.replaceChildren(icon(row.status, row.status === 'running' ? 'spin' : ''), ' ', statusText(row));
    col.figures.replaceChildren(
      h('span', { 'data-testid': 'compare-duration' }, durationText(row, now)),
      ' · ',
      h('span', { 'data-testid': 'compare-tokens' }, l10n.t('{0} tokens', tokensText(row))),
      ' · ',
      h('span', { 'data-testid': 'compare-cost' }, costText(row)),
    );
    const qualityKey = `${ratingKey(row)}|${JSON.stringify(row.quality ?? null)}`;
    if (qualityKey !== col.qualityFor) {
      col.quality.replaceChildren(renderColumnQuality(row, this.rate) ?? '');
      col.qualityFor = qualityKey;
    }
    const text = row.status === 'failed' && row.errorCode ? `**${row.errorCode}**: ${row.errorMessage ?? ''}\n\n${row.output ?? ''}` : (row.output ?? '');
    if (text === col.drawn) return;
    if (!text.startsWith(col.committed)) {
      col.stable.replaceChildren();
      col.committed = '';
    }
    const cut = stableBoundary(text, col.committed.length);
    if (cut > col.committed.length) {
      col.stable.append(renderMarkdown(text.slice(col.committed.length, cut)));
      col.committed = text.slice(0, cut);
    }
    col.tail.replaceChildren(text === '' ? h('p', { class: 'output-placeholder' }, row.status === 'queued' ? l10n.t('Waiting in the queue…') : row.status === 'running' ? l10n.t('Waiting for output…') : l10n.t('No output.')) : renderMarkdown(text.slice(cut)));
    col.drawn = text;
  }

  private column(row: ResultRow): Column {
    const status = h('div', { class: 'compare-status' });
    const figures = h('div', { class: 'compare-figures' });
    const quality = h('div', { class: 'compare-quality-slot' });
    const stable = h('div', { class: 'md-stable' });
    const tail = h('div', { class: 'md-tail' });
    const title = h('button', { class: 'compare-model', type: 'button', title: l10n.t('Open this task’s output') }, row.label);
    title.addEventListener('click', () => this.open(row.id));
    const el = h(
      'article',
      { class: 'compare-column', 'data-task-id': row.id, 'data-testid': 'compare-column' },
      h('header', { class: 'compare-head' }, title, h('div', { class: 'compare-provider' }, row.providerLabel), status, figures, quality),
      h('div', { class: 'compare-output markdown', 'data-testid': 'compare-output' }, stable, tail),
    );
    const col: Column = { el, status, figures, quality, qualityFor: undefined, stable, tail, committed: '', drawn: undefined };
    this.columns.set(row.id, col);
    return col;
  }
}
