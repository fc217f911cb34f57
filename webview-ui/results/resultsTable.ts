// The results table: one <tr> per task, built once and then patched cell by cell, so a live
// update touches only the rows whose tasks changed; re-sorting or filtering moves the existing
// rows (one replaceChildren) instead of rebuilding them. Everything is text: no markup from output.
import type { ResultRow, ResultSortKey } from '../../src/shared/resultsProtocol';
import { h } from '../element';
import { icon } from '../icons';
import { costText, durationText, previewText, statusText, tokensText } from './rowCells';
import type { ResultsModel } from './resultsModel';

interface RowEls {
  readonly tr: HTMLTableRowElement;
  readonly label: HTMLButtonElement;
  readonly status: HTMLTableCellElement;
  readonly duration: HTMLTableCellElement;
  readonly tokens: HTMLTableCellElement;
  readonly cost: HTMLTableCellElement;
  readonly preview: HTMLTableCellElement;
  drawnStatus?: string;
}

const COLUMNS: readonly { readonly key: ResultSortKey | undefined; readonly title: (kind: string) => string; readonly cls: string }[] = [
  { key: 'label', title: (kind) => (kind === 'models' ? 'Model' : 'File'), cls: 'col-label' },
  { key: 'status', title: () => 'Status', cls: 'col-status' },
  { key: 'duration', title: () => 'Duration', cls: 'col-num' },
  { key: 'tokens', title: () => 'Tokens in → out', cls: 'col-num' },
  { key: 'cost', title: () => 'Cost', cls: 'col-num' },
  { key: undefined, title: () => 'Output', cls: 'col-preview' },
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
  ) {
    this.head = h('thead');
    this.body = h('tbody');
    this.element = h('table', { class: 'results-table', 'data-testid': 'results-table' }, this.head, this.body);
    this.body.addEventListener('click', (e) => {
      const tr = (e.target as Element).closest('tr');
      const id = tr?.getAttribute('data-task-id');
      if (id) this.open(id);
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
    const sortKey = `${kind}|${this.model.sort?.key ?? ''}|${this.model.sort?.descending ?? ''}`;
    if (sortKey === this.headKind) return;
    this.headKind = sortKey;
    const sort = this.model.sort;
    this.head.replaceChildren(
      h(
        'tr',
        {},
        ...COLUMNS.map((col) => {
          const aria = col.key && sort?.key === col.key ? (sort.descending ? 'descending' : 'ascending') : col.key ? 'none' : undefined;
          const label = col.title(kind);
          if (!col.key) return h('th', { class: col.cls, scope: 'col' }, label);
          const key = col.key;
          const button = h('button', { class: 'sort', type: 'button', 'data-sort': key, title: `Sort by ${label.toLowerCase()}` }, label, aria === 'ascending' ? ' ▲' : aria === 'descending' ? ' ▼' : '');
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
    const label = h('button', { class: 'row-open', type: 'button', title: 'Open this task’s output' });
    const status = h('td', { class: 'col-status' });
    const duration = h('td', { class: 'col-num' });
    const tokens = h('td', { class: 'col-num' });
    const cost = h('td', { class: 'col-num' });
    const preview = h('td', { class: 'col-preview' });
    const tr = h('tr', { 'data-task-id': id, 'data-testid': 'result-row' }, h('td', { class: 'col-label' }, label), status, duration, tokens, cost, preview);
    els = { tr, label, status, duration, tokens, cost, preview };
    this.els.set(id, els);
    return els;
  }

  private draw(els: RowEls, row: ResultRow, now: number): void {
    els.tr.setAttribute('data-status', row.status);
    els.label.replaceChildren(row.label);
    els.label.title = `${row.label} — ${row.providerLabel} · ${row.model}. Open this task’s output.`;
    const status = statusText(row);
    if (els.drawnStatus !== status) {
      els.status.replaceChildren(icon(row.status, row.status === 'running' ? 'spin' : ''), ' ', status);
      els.drawnStatus = status;
    }
    els.duration.replaceChildren(durationText(row, now));
    els.tokens.replaceChildren(tokensText(row));
    els.cost.replaceChildren(costText(row));
    els.preview.replaceChildren(previewText(row));
    els.preview.title = previewText(row);
  }
}
