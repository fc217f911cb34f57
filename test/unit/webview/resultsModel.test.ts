import * as assert from 'node:assert/strict';
import type { BatchHeader, ResultRow, ResultsHostMessage } from '../../../src/shared/resultsProtocol';
import { parseResultsHostMessage, parseResultsWebviewMessage } from '../../../src/shared/resultsProtocol';
import { ResultsModel } from '../../../webview-ui/results/resultsModel';
import { costText, progressText, scoreCellText, scoreCellTitle, tokensText } from '../../../webview-ui/results/rowCells';

const header: BatchHeader = { batchId: 'b', kind: 'files', title: 'Review', instruction: 'Review', total: 3, done: 2, completed: 1, failed: 1, cancelled: 0, running: 1, queued: 0, costUsd: 0.41, costUnknown: false, active: true, simulated: false };

function row(id: string, extra: Partial<ResultRow> = {}): ResultRow {
  return { id, seq: 1, label: `${id}.ts`, status: 'completed', providerLabel: 'OpenAI', model: 'gpt-4o', createdAt: 1, startedAt: 10, finishedAt: 20, inputTokens: 10, outputTokens: 5, estimated: false, costUsd: 0.01, preview: 'ok', ...extra };
}

const snapshot = (rows: ResultRow[]): ResultsHostMessage => ({ type: 'results/snapshot', batch: header, rows });

describe('results view model', () => {
  it('applies a snapshot, then newer row updates only; stale and repeated ones are dropped', () => {
    const model = new ResultsModel();
    model.apply(snapshot([row('a'), row('b', { status: 'running', seq: 4, finishedAt: undefined })]));
    assert.deepEqual(model.apply({ type: 'results/update', batch: header, rows: [row('b', { seq: 5, preview: 'new' })] }), { kind: 'update', ids: ['b'] });
    assert.deepEqual(model.apply({ type: 'results/update', batch: header, rows: [row('b', { seq: 5, preview: 'again' })] }), { kind: 'update', ids: [] });
    assert.deepEqual(model.apply({ type: 'results/update', batch: header, rows: [row('b', { seq: 3, preview: 'stale' })] }), { kind: 'update', ids: [] });
    assert.equal(model.row('b')?.preview, 'new');
    assert.deepEqual(model.apply({ type: 'results/update', batch: header, rows: [row('zzz', { seq: 9 })] }), { kind: 'update', ids: [] }, 'a row the snapshot did not have waits for the next snapshot');
  });

  it('sorts by a column (ascending, descending, off), filters by status and searches', () => {
    const model = new ResultsModel();
    model.apply(snapshot([row('a', { outputTokens: 50 }), row('b', { outputTokens: 5, status: 'failed', errorCode: 'TIMEOUT' }), row('c', { outputTokens: 500 })]));
    model.toggleSort('tokens');
    assert.deepEqual(model.visible(100), ['b', 'a', 'c']);
    model.toggleSort('tokens');
    assert.deepEqual(model.visible(100), ['c', 'a', 'b']);
    model.toggleSort('tokens');
    assert.deepEqual(model.visible(100), ['a', 'b', 'c'], 'a third click goes back to launch order');
    model.filter = 'failed';
    assert.deepEqual(model.visible(100), ['b']);
    assert.deepEqual(model.counts(), { all: 3, completed: 2, failed: 1, cancelled: 0, running: 0, waiting: 0, queued: 0 });
    model.filter = 'all';
    model.query = 'timeout';
    assert.deepEqual(model.visible(100), ['b']);
  });

  it('labels live figures as estimates', () => {
    assert.equal(tokensText(row('a', { estimated: true, inputTokens: 1234, outputTokens: 56 })), '≈ 1,234 → 56 (est.)');
    assert.equal(costText(row('a', { estimated: true, costUsd: 0.5 })), '≈ $0.5000 (est.)');
    assert.equal(costText(row('a', { costUsd: null })), 'price unknown');
    assert.equal(progressText(header), '2/3 done · 1 failed · 1 running · $0.4100');
  });

  it('the protocol refuses malformed messages both ways', () => {
    assert.equal(parseResultsHostMessage({ type: 'results/snapshot', batch: header, rows: [{ id: '' }] }), undefined);
    assert.equal(parseResultsWebviewMessage({ type: 'openTask' }), undefined);
    assert.deepEqual(parseResultsWebviewMessage({ type: 'openTask', taskId: 't' }), { type: 'openTask', taskId: 't' });
  });

  it('a rating reaches its row without a sequence number (a row update with the same seq would be dropped)', () => {
    const model = new ResultsModel();
    model.apply(snapshot([row('a', { seq: 8 }), row('b', { seq: 8 })]));
    assert.deepEqual(model.apply({ type: 'results/rated', taskId: 'a', rating: 'up' }), { kind: 'update', ids: ['a'] });
    assert.equal(model.row('a')?.rating, 'up');
    assert.equal(model.row('a')?.seq, 8, 'the row keeps its place in the sequence');
    assert.deepEqual(model.apply({ type: 'results/update', batch: header, rows: [row('a', { seq: 8, rating: undefined })] }), { kind: 'update', ids: [] }, 'a same-seq update cannot take the rating back');
    model.apply({ type: 'results/rated', taskId: 'a' });
    assert.equal(model.row('a')?.rating, undefined, 'no rating in the message takes it back');
    assert.deepEqual(model.apply({ type: 'results/rated', taskId: 'gone', rating: 'down' }), { kind: 'none' });
  });

  it('sorts by score (rows without one last when ascending) and knows when any row has a score', () => {
    const model = new ResultsModel();
    model.apply(snapshot([row('a'), row('b', { quality: { score: 1, passed: 2, total: 2, failed: [] } }), row('c', { quality: { score: 0.5, passed: 1, total: 2, failed: [{ check: 'maxLength 40', reason: '52 characters' }] } })]));
    assert.equal(model.hasScores(), true);
    model.toggleSort('score');
    assert.deepEqual(model.visible(100), ['a', 'c', 'b']);
    model.toggleSort('score');
    assert.deepEqual(model.visible(100), ['b', 'c', 'a']);
    const plain = new ResultsModel();
    plain.apply(snapshot([row('a')]));
    assert.equal(plain.hasScores(), false);
  });

  it('score cells: a percentage, the failed checks on hover', () => {
    const q = { score: 2 / 3, passed: 2, total: 3, failed: [{ check: 'at most 40 characters', reason: '52 characters' }] };
    assert.equal(scoreCellText(row('a', { quality: q })), '67 %');
    assert.equal(scoreCellTitle(row('a', { quality: q })), '2 of 3 checks passed (score 0.67)\nFailed:\n• at most 40 characters — 52 characters');
    assert.equal(scoreCellText(row('a')), '—');
  });

  it('the protocol checks ratings both ways', () => {
    assert.deepEqual(parseResultsWebviewMessage({ type: 'rate', taskId: 't', rating: 'none' }), { type: 'rate', taskId: 't', rating: 'none' });
    assert.equal(parseResultsWebviewMessage({ type: 'rate', taskId: 't', rating: 'meh' }), undefined);
    assert.equal(parseResultsWebviewMessage({ type: 'rate', taskId: '', rating: 'up' }), undefined);
    assert.equal(parseResultsHostMessage({ type: 'results/rated', taskId: 't', rating: 'sideways' }), undefined);
    assert.equal(parseResultsHostMessage(snapshot([row('a', { quality: { score: 1.5, passed: 3, total: 2, failed: [] } })])), undefined, 'a score above 1 is refused');
  });
});
