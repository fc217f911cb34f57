// The results table: one <tr> per task, built once and then patched cell by cell, so a live
// update touches only the rows whose tasks changed; re-sorting or filtering moves the existing
// rows (one replaceChildren) instead of rebuilding them. Everything is text: no markup from output.
// A score column shows when some row has one (its prompt file has checks); the rating buttons of a
// row are handled here, by delegation, so pressing one never opens the row.
import * as l10n from '@vscode/l10n';
import type { ResultRow, ResultSortKey } from '../../src/shared/resultsProtocol';
import { h } from '../element';
import { icon } from '../icons';
import { costText, durationText, previewText, scoreCellText, scoreCellTitle, statusText, tokensText } from './rowCells';
import { ratingButtons, ratingKey, type RateAction } from './qualityCells';
import type { ResultsModel } from './resultsModel';

interface RowEls {
  readonly tr: HTMLTableRowElement;
  readonly label: HTMLButtonElement;
  readonly status: HTMLTableCellElement;
  readonly score: HTMLTableCellElement;
  readonly rating: HTMLTableCellElement;
  readonly duration: HTMLTableCellElement;
  readonly tokens: HTMLTableCellElement;
  readonly cost: HTMLTableCellElement;
  readonly preview: HTMLTableCellElement;
  drawnStatus?: string;
  drawnRating?: string;
}

interface Column {
  readonly key: ResultSortKey | undefined;
  readonly cls: string;
  /** The heading, and the sort button's hover ("Sort by cost"): whole sentences, since not every language lower-cases a heading into one. */
  readonly text: (kind: string) => { readonly title: string; readonly sortBy?: string };
}

const COLUMNS: readonly Column[] = [
  { key: 'label', cls: 'col-label', text: (kind) => (kind === 'models' ? { title: l10n.t('Model'), sortBy: l10n.t('Sort by model') } : { title: l10n.t('File'), sortBy: l10n.t('Sort by file') }) },
  { key: 'status', cls: 'col-status', text: () => ({ title: l10n.t('Status'), sortBy: l10n.t('Sort by status') }) },
  { key: 'score', cls: 'col-num col-score', text: () => ({ title: l10n.t('Score'), sortBy: l10n.t('Sort by score') }) },
  { key: 'duration', cls: 'col-num', text: () => ({ title: l10n.t('Duration'), sortBy: l10n.t('Sort by duration') }) },
  { key: 'tokens', cls: 'col-num', text: () => ({ title: l10n.t('Tokens in → out'), sortBy: l10n.t('Sort by tokens in → out') }) },
  { key: 'cost', cls: 'col-num', text: () => ({ title: l10n.t('Cost'), sortBy: l10n.t('Sort by cost') }) },
  { key: undefined, cls: 'col-rating', text: () => ({ title: l10n.t('Rating') }) },
  { key: undefined, cls: 'col-preview', text: () => ({ title: l10n.t('Output') }) },
];

export class ResultsTable {
  readonly element: HTMLTableElement;
  private readonly head: HTMLTableSectionElement;
  private readonly body: HTMLTableSectionElement;
  private readonly els = new Map<string, RowEls>();
  private shown: string[] = [];
  private headKind = '';

  constructor(
    private readonly model: ResultsModel,
    private readonly open: (taskId: string) => void,
    private readonly onSort: () => void,
    private readonly rate: RateAction,
  ) {
    this.head = h('thead');
    this.body = h('tbody');
    this.element = h('table', { class: 'results-table', 'data-testid': 'results-table' }, this.head, this.body);
    this.body.addEventListener('click', (e) => {
      const target = e.target as Element;
      const id = target.closest('tr')?.getAttribute('data-task-id');
      if (!id) return;
      const rate = target.closest('button[data-rate]');
      if (!rate) {
        this.open(id);
        return;
      }
      const rating = rate.getAttribute('data-rate') === 'down' ? 'down' : 'up';
      this.rate(id, rate.getAttribute('aria-pressed') === 'true' ? 'none' : rating);
    });
  }

  /** Rebuilds every row (a snapshot). */
  rebuild(now: number): void {
    this.drawHead();
    this.els.clear();
    for (const row of this.model.allRows()) this.draw(this.rowEls(row.id), row, now);
    this.shown = [];
    this.reorder(now);
  }

  /** Patches the given rows, then moves rows only if the order or the filter changed. */
  patch(ids: readonly string[], now: number): void {
    this.drawHead();
    for (const id of ids) {
      const row = this.model.row(id);
      if (row) this.draw(this.rowEls(id), row, now);
    }
    this.reorder(now);
  }

  /** Redraws the clock of running rows (once a second). */
  tick(now: number): void {
    for (const row of this.model.allRows()) {
      if (row.status === 'running') this.els.get(row.id)?.duration.replaceChildren(durationText(row, now));
    }
  }

  reorder(now: number): void {
    const next = this.model.visible(now);
    if (next.length === this.shown.length && next.every((id, i) => id === this.shown[i])) return;
    this.shown = next;
    this.body.replaceChildren(...next.map((id) => this.rowEls(id).tr));
  }

  get shownCount(): number {
    return this.shown.length;
  }

  private drawHead(): void {
    const kind = this.model.header?.kind ?? '';
    const scored = this.model.hasScores();
    const sortKey = `${kind}|${scored}|${this.model.sort?.key ?? ''}|${this.model.sort?.descending ?? ''}`;
    if (sortKey === this.headKind) return;
    this.element.classList.toggle('no-scores', !scored);
    this.headKind = sortKey;
    const sort = this.model.sort;
    this.head.replaceChildren(
      h(
        'tr',
        {},
        ...COLUMNS.map((col) => {
          const aria = col.key && sort?.key === col.key ? (sort.descending ? 'descending' : 'ascending') : col.key ? 'none' : undefined;
          const text = col.text(kind);
          if (!col.key) return h('th', { class: col.cls, scope: 'col' }, text.title);
          const key = col.key;
          const button = h('button', { class: 'sort', type: 'button', 'data-sort': key, title: text.sortBy }, text.title, aria === 'ascending' ? ' ▲' : aria === 'descending' ? ' ▼' : '');
          button.addEventListener('click', () => {
            this.model.toggleSort(key);
            this.onSort();
          });
          return h('th', { class: col.cls, scope: 'col', 'aria-sort': aria }, button);
        }),
      ),
    );
  }

  private rowEls(id: string): RowEls {
    let els = this.els.get(id);
    if (els) return els;
    const label = h('button', { class: 'row-open', type: 'button', title: l10n.t('Open this task’s output') });
    const status = h('td', { class: 'col-status' });
    const score = h('td', { class: 'col-num col-score', 'data-testid': 'result-score' });
    const rating = h('td', { class: 'col-rating' });
    const duration = h('td', { class: 'col-num' });
    const tokens = h('td', { class: 'col-num' });
    const cost = h('td', { class: 'col-num' });
    const preview = h('td', { class: 'col-preview' });
    const tr = h('tr', { 'data-task-id': id, 'data-testid': 'result-row' }, h('td', { class: 'col-label' }, label), status, score, duration, tokens, cost, rating, preview);
    els = { tr, label, status, score, rating, duration, tokens, cost, preview };
    this.els.set(id, els);
    return els;
  }

  private draw(els: RowEls, row: ResultRow, now: number): void {
    els.tr.setAttribute('data-status', row.status);
    els.label.replaceChildren(row.label);
    els.label.title = l10n.t('{0} — {1} · {2}. Open this task’s output.', row.label, row.providerLabel, row.model);
    const status = statusText(row);
    if (els.drawnStatus !== status) {
      els.status.replaceChildren(icon(row.status, row.status === 'running' ? 'spin' : ''), ' ', status);
      els.drawnStatus = status;
    }
    els.score.replaceChildren(scoreCellText(row));
    els.score.title = scoreCellTitle(row);
    els.score.classList.toggle('has-failed', (row.quality?.failed.length ?? 0) > 0);
    // Redrawn only when it changed, so a focused rating button keeps focus while the row updates.
    const rated = ratingKey(row);
    if (els.drawnRating !== rated) {
      els.rating.replaceChildren(ratingButtons(row));
      els.drawnRating = rated;
    }
    els.duration.replaceChildren(durationText(row, now));
    els.tokens.replaceChildren(tokensText(row));
    els.cost.replaceChildren(costText(row));
    els.preview.replaceChildren(previewText(row));
    els.preview.title = previewText(row);
  }
}
