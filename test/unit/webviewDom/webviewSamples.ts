// Representative states of both webviews, drawn into a page: the output panel (loading, empty,
// queued, running with a restart and live figures, completed with usage, cost, a score, a rating,
// a log and result actions, failed, cancelled, and a workflow at each stage) and the results view
// (a batch of files and a comparison of models: header, filters, table, side-by-side columns and
// placeholders). Every piece of data is written in non-ASCII letters, so an ASCII word on the
// page can only come from the webview's own code.
import type { TaskView, UsageView } from '../../../src/shared/protocol';
import type { BatchHeader, ResultRow } from '../../../src/shared/resultsProtocol';
import type { PanelState } from '../../../webview-ui/panelState';
import { PanelView } from '../../../webview-ui/panelView';
import { CompareColumns } from '../../../webview-ui/results/compareColumns';
import { renderHeader, ResultsFilters, type HeaderActions } from '../../../webview-ui/results/resultsHeader';
import { ResultsModel } from '../../../webview-ui/results/resultsModel';
import { loadingResults, missingBatch, noMatch } from '../../../webview-ui/results/resultsPlaceholders';
import { ResultsTable } from '../../../webview-ui/results/resultsTable';

const NOW = 1_750_000_000_000;

/** Data as the host would send it, in letters no English word is made of. */
export const DATA = {
  title: 'Ŧȧşķ ǿƞḗ',
  prompt: 'Şŭḿḿȧřīşḗ ŧħīş ƒīŀḗ\nƥŀḗȧşḗ',
  provider: 'Ǿƥḗƞ Ȧī',
  model: 'ɠƥŧ-ǿ',
  output: 'Ħḗřḗ īş ŧħḗ ȧƞşẇḗř.\n\nȦƞḓ ȧ şḗƈǿƞḓ ƥȧřȧɠřȧƥħ.',
  detail: 'řḗŧřẏīƞɠ īƞ 3ş (ȧŧŧḗḿƥŧ 2 ǿƒ 3)',
  file: 'şřƈ/ƒǿǿ.ŧş',
  check: 'ŀḗƞɠŧħ',
  reason: 'ŧǿǿ ŀǿƞɠ',
  message: 'ŧǿǿ ḿȧƞẏ řḗɋŭḗşŧş',
  remediation: 'ẇȧīŧ ȧƞḓ řḗŧřẏ',
  step: 'ḓřȧƒŧ',
  log: 'şŧȧřŧḗḓ',
} as const;

const usage = (estimated: boolean, extra: Partial<UsageView> = {}): UsageView => ({ inputTokens: 1234, outputTokens: 56, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated, ...extra });

function task(id: string, extra: Partial<TaskView> = {}): TaskView {
  return {
    id,
    title: DATA.title,
    prompt: DATA.prompt,
    providerId: 'p',
    providerLabel: DATA.provider,
    model: DATA.model,
    priority: 'high',
    createdAt: NOW - 90_000,
    output: '',
    simulated: false,
    status: 'queued',
    attempts: 0,
    ...extra,
  };
}

const workflowSteps: TaskView['steps'] = [
  { name: DATA.step, status: 'completed', attempts: 2, usage: usage(false), costUsd: 0.0012, carried: true },
  { name: 'ŗḗṽīḗẇ', status: 'running', attempts: 1 },
  { name: 'ƥǿŀīşħ', status: 'pending', attempts: 0 },
  { name: 'ƈħḗƈķ', status: 'failed', attempts: 3, error: DATA.message, costUsd: null, usage: usage(true) },
  { name: 'şķīƥ', status: 'skipped', attempts: 0 },
  { name: 'şŧǿƥ', status: 'cancelled', attempts: 1 },
];

/** Each panel state with a name for the failure message. */
export function panelStates(): { readonly name: string; readonly state: PanelState }[] {
  const started = { startedAt: NOW - 60_000 };
  const finished = { ...started, finishedAt: NOW - 5_000 };
  const quality = { score: 0.67, passed: 2, total: 3, failed: [{ check: DATA.check, reason: DATA.reason }] };
  const log: TaskView['log'] = [
    { at: NOW - 50_000, level: 'info', message: DATA.log },
    { at: NOW - 40_000, level: 'warn', message: DATA.log, attempt: 2 },
    { at: NOW - 30_000, level: 'info', message: DATA.log, attempt: 1, step: 0 },
    { at: NOW - 20_000, level: 'info', message: DATA.log, step: 9 },
  ];
  const t = (id: string, extra: Partial<TaskView>): PanelState => ({ kind: 'task', task: task(id, extra) });
  return [
    { name: 'loading', state: { kind: 'loading' } },
    { name: 'empty', state: { kind: 'empty' } },
    { name: 'queued', state: t('queued', { statusDetail: DATA.detail, priority: 'urgent' }) },
    { name: 'waiting', state: t('waiting', { status: 'waiting', priority: 'low' }) },
    { name: 'running, simulated, from a selection, restarted', state: { kind: 'task', task: task('running', { ...started, status: 'running', attempts: 2, statusDetail: DATA.detail, output: DATA.output, usage: usage(true), costUsd: 0.0123, simulated: true, source: { kind: 'selection', label: DATA.file } }), restart: { attempt: 2 } } },
    { name: 'running without output', state: t('running-empty', { ...started, status: 'running', attempts: 1, priority: 'normal' }) },
    { name: 'completed with usage, cost, score, rating, log, from a file', state: t('completed', { ...finished, status: 'completed', attempts: 1, output: DATA.output, usage: usage(false, { cacheReadTokens: 5, cacheWriteTokens: 6, reasoningTokens: 7 }), costUsd: 0.0123, quality, rating: 'up', log, source: { kind: 'file', label: DATA.file } }) },
    { name: 'completed, single check, not rated, selection', state: t('completed-one', { ...finished, status: 'completed', attempts: 1, output: DATA.output, quality: { score: 1, passed: 1, total: 1, failed: [] }, source: { kind: 'selection', label: DATA.file }, log: [log[0]!] }) },
    { name: 'failed', state: t('failed', { ...finished, status: 'failed', attempts: 3, error: { code: 'RATE_LIMITED', message: DATA.message, remediation: DATA.remediation, status: 429 }, costUsd: null, usage: usage(false) }) },
    { name: 'cancelled without output', state: t('cancelled', { ...finished, status: 'cancelled', attempts: 1 }) },
    { name: 'workflow running', state: t('workflow-running', { ...started, status: 'running', attempts: 1, steps: workflowSteps, stepIndex: 1, stepOutputs: [DATA.output], output: DATA.output }) },
    { name: 'workflow queued', state: t('workflow-queued', { status: 'queued', steps: workflowSteps, stepIndex: 0 }) },
    { name: 'workflow failed', state: t('workflow-failed', { ...finished, status: 'failed', attempts: 1, steps: workflowSteps, stepIndex: 3, stepOutputs: [DATA.output, DATA.output], error: { code: 'SERVER_ERROR', message: DATA.message, remediation: DATA.remediation } }) },
    { name: 'workflow completed', state: t('workflow-completed', { ...finished, status: 'completed', attempts: 1, steps: workflowSteps, stepIndex: 5, stepOutputs: [DATA.output], output: DATA.output, rating: 'down' }) },
  ];
}

/** Draws one panel state into `root`; the returned function stops its clock (a running task ticks every second). */
export function renderPanel(root: HTMLElement, state: PanelState): () => void {
  const view = new PanelView(root, { cancel: () => undefined, retry: () => undefined, rate: () => undefined, result: () => undefined }, () => NOW);
  view.render(state, 'task');
  return () => view.render({ kind: 'empty' }, 'empty');
}

function row(id: string, extra: Partial<ResultRow> = {}): ResultRow {
  return { id, seq: 1, label: `ƒīŀḗ-${id}`, status: 'completed', providerLabel: DATA.provider, model: DATA.model, createdAt: NOW - 90_000, estimated: false, preview: DATA.output, ...extra };
}

function rows(): ResultRow[] {
  const started = { startedAt: NOW - 60_000 };
  const finished = { ...started, finishedAt: NOW - 5_000 };
  return [
    row('ȧ', { ...finished, inputTokens: 1234, outputTokens: 56, costUsd: 0.0123, output: DATA.output, quality: { score: 0.67, passed: 2, total: 3, failed: [{ check: DATA.check, reason: DATA.reason }] }, rating: 'up' }),
    row('ƀ', { ...finished, inputTokens: 1, outputTokens: 1, costUsd: null, output: '', preview: '', quality: { score: 1, passed: 1, total: 1, failed: [] } }),
    row('ƈ', { ...started, status: 'running', statusDetail: DATA.detail, inputTokens: 10, outputTokens: 5, estimated: true, costUsd: 0.5, output: '', preview: '' }),
    row('ḓ', { status: 'queued', statusDetail: DATA.detail, output: '', preview: '' }),
    row('ḗ', { ...finished, status: 'failed', errorCode: 'RATE_LIMITED', errorMessage: DATA.message, output: DATA.output }),
    row('ƒ', { ...finished, status: 'cancelled', output: '', preview: '' }),
    row('ɠ', { status: 'queued', output: '', preview: '' }),
  ];
}

function header(kind: BatchHeader['kind']): BatchHeader {
  return { batchId: `b-${kind}`, kind, title: DATA.title, instruction: DATA.prompt, total: 7, done: 4, completed: 2, failed: 1, cancelled: 1, running: 1, queued: 2, costUsd: 0.41, costUnknown: true, active: true, simulated: true };
}

const NO_ACTIONS: HeaderActions = { retryFailed: () => undefined, cancelBatch: () => undefined, reviewChanges: () => undefined, filterChanged: () => undefined };

/** Every piece resultsMain draws for a batch of files or a comparison of models, placeholders included, side by side. */
export function renderResults(root: HTMLElement, kind: BatchHeader['kind']): void {
  const model = new ResultsModel();
  model.apply({ type: 'results/snapshot', batch: header(kind), rows: rows() });
  model.sort = { key: 'cost', descending: kind === 'models' };
  const filters = new ResultsFilters(model, NO_ACTIONS);
  filters.update();
  const table = new ResultsTable(model, () => undefined, () => undefined, () => undefined);
  table.rebuild(NOW);
  const compare = new CompareColumns(() => undefined, () => undefined);
  compare.rebuild(model.allRows(), NOW);
  const none = noMatch();
  none.hidden = false;
  root.replaceChildren(renderHeader(header(kind), NO_ACTIONS), filters.element, table.element, none, compare.element, loadingResults(), missingBatch());
}
