// Entry point of a results view. Restores which batch it shows and how the table was sorted and
// filtered, tells the host it is ready, then applies validated host messages. Redraws happen at
// most once per animation frame, whatever the number of messages; each frame's cost is recorded
// in the root's data-render-ms (read by the performance check).
import { parseResultsHostMessage, parseResultsState, type ResultsPersistedState, type ResultsWebviewMessage } from '../../src/shared/resultsProtocol';
import '../components';
import { h } from '../element';
import { useHostTranslations } from '../hostTranslations';
import styles from '../styles.css';
import resultsStyles from './results.css';
import { CompareColumns } from './compareColumns';
import { renderHeader, ResultsFilters, type HeaderActions } from './resultsHeader';
import { ResultsModel } from './resultsModel';
import { loadingResults, missingBatch, noMatch } from './resultsPlaceholders';
import { ResultsTable } from './resultsTable';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// Before anything is drawn: every label below is looked up in the host's translations.
useHostTranslations(document);

const sheet = new CSSStyleSheet();
sheet.replaceSync(`${styles}\n${resultsStyles}`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const api = acquireVsCodeApi();
const post = (message: ResultsWebviewMessage): void => api.postMessage(message);
const restored: ResultsPersistedState = parseResultsState(api.getState()) ?? {};
const model = new ResultsModel();
if (restored.sort) model.sort = restored.sort;
if (restored.filter) model.filter = restored.filter;

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
root.classList.add('results-root');
const headerSlot = h('div', { class: 'results-header-slot' });
const filterSlot = h('div', { class: 'results-filter-slot' });
const emptySlot = noMatch();
const open = (taskId: string): void => post({ type: 'openTask', taskId });
const rate = (taskId: string, rating: 'up' | 'down' | 'none'): void => post({ type: 'rate', taskId, rating });
const persist = (): void => {
  const batchId = model.header?.batchId ?? restored.batchId;
  api.setState({ ...(batchId && { batchId }), ...(model.sort && { sort: model.sort }), filter: model.filter } satisfies ResultsPersistedState);
};
const actions: HeaderActions = {
  retryFailed: () => post({ type: 'retryFailed' }),
  cancelBatch: () => post({ type: 'cancelBatch' }),
  reviewChanges: () => post({ type: 'reviewChanges' }),
  filterChanged: () => {
    persist();
    schedule({ filters: true, order: true });
  },
};
const filters = new ResultsFilters(model, actions);
filterSlot.append(filters.element);
let drawnHeader = '';
const table = new ResultsTable(
  model,
  open,
  () => {
    persist();
    schedule({ order: true });
  },
  rate,
);
const compare = new CompareColumns(open, rate);
root.replaceChildren(loadingResults());

interface Pending {
  snapshot?: boolean;
  ids?: Set<string>;
  filters?: boolean;
  order?: boolean;
  header?: boolean;
}
let pending: Pending = {};
let frame: number | undefined;
let renders = 0;

function schedule(more: Pending): void {
  pending = {
    snapshot: pending.snapshot || more.snapshot,
    ids: new Set([...(pending.ids ?? []), ...(more.ids ?? [])]),
    filters: pending.filters || more.filters,
    order: pending.order || more.order,
    header: pending.header || more.header,
  };
  frame ??= requestAnimationFrame(draw);
}

function draw(): void {
  frame = undefined;
  const started = performance.now();
  const now = Date.now();
  const work = pending;
  pending = {};
  const header = model.header;
  if (model.missing || !header) {
    root.replaceChildren(missingBatch());
    return;
  }
  if (work.snapshot) {
    table.rebuild(now);
    if (header.kind === 'models') compare.rebuild(model.allRows(), now);
    root.replaceChildren(headerSlot, filterSlot, h('div', { class: 'table-wrap' }, table.element, emptySlot), header.kind === 'models' ? compare.element : '');
  } else {
    const ids = [...(work.ids ?? [])];
    if (ids.length > 0 || work.order) table.patch(ids, now);
    if (header.kind === 'models') ids.forEach((id) => {
      const row = model.row(id);
      if (row) compare.patch(row, now);
    });
  }
  // Redrawn only when it changed, so a focused button keeps focus while rows update.
  const headerKey = JSON.stringify(header);
  if (headerKey !== drawnHeader) {
    headerSlot.replaceChildren(renderHeader(header, actions));
    drawnHeader = headerKey;
  }
  filters.update();
  emptySlot.hidden = table.shownCount > 0;
  renders += 1;
  root.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
  root.setAttribute('data-renders', String(renders));
  root.setAttribute('data-rows', String(table.shownCount));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseResultsHostMessage(event.data);
  if (!message) return;
  const change = model.apply(message);
  if (change.kind === 'snapshot') {
    schedule({ snapshot: true });
    persist();
  } else if (change.kind === 'update') schedule({ ids: new Set(change.ids), header: true });
  else if (change.kind === 'missing') schedule({ header: true });
});

// Running rows' clocks; one pass over the rows a second.
setInterval(() => {
  if (model.header?.active) table.tick(Date.now());
}, 1000);

post({ type: 'ready' });
