import * as assert from 'node:assert/strict';
import type { UsageView } from '../../../src/shared/protocol';
import { TASK_STATUSES } from '../../../src/shared/taskVocabulary';
import {
  canCancel,
  canRetry,
  formatCost,
  formatDuration,
  formatElapsed,
  formatUsd,
  promptPreview,
  taskTiming,
  usageRows,
} from '../../../webview-ui/format';

const usage = (over: Partial<UsageView> = {}): UsageView => ({
  inputTokens: 1234,
  outputTokens: 56,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  estimated: false,
  ...over,
});

describe('format', () => {
  it('formats durations and a whole-second live clock', () => {
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(4250), '4.2s');
    assert.equal(formatDuration(42_900), '42s');
    assert.equal(formatDuration(187_000), '3m 07s');
    assert.equal(formatDuration(3_720_000), '1h 02m');
    assert.equal(formatDuration(-5), '0ms');
    assert.equal(formatElapsed(999), '0s');
    assert.equal(formatElapsed(7_800), '7s');
    assert.equal(formatElapsed(187_400), '3m 07s');
  });

  it('formats cost, unknown prices and estimates', () => {
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(0.0000136), '$0.000014', 'a tiny real cost keeps two significant digits');
    assert.equal(formatUsd(0.0036), '$0.0036');
    assert.equal(formatUsd(123.456), '$123.46');
    assert.equal(formatCost(undefined, false), undefined);
    assert.equal(formatCost(null, false), 'price unknown');
    assert.equal(formatCost(null, true), 'price unknown');
    assert.equal(formatCost(0.0123, false), '$0.0123');
    assert.equal(formatCost(0.0123, true), '≈ $0.0123 (estimated)');
  });

  it('lists input and output always, other token kinds only when non-zero', () => {
    assert.deepEqual(
      usageRows(usage({ inputTokens: 0, outputTokens: 0 })).map((r) => r.key),
      ['input', 'output'],
    );
    const rows = usageRows(usage({ cacheReadTokens: 1024, cacheWriteTokens: 7, reasoningTokens: 12 }));
    assert.deepEqual(rows.map((r) => [r.key, r.value]), [
      ['input', '1,234'],
      ['output', '56'],
      ['cacheRead', '1,024'],
      ['cacheWrite', '7'],
      ['reasoning', '12'],
    ]);
  });

  it('labels every figure of estimated usage', () => {
    for (const row of usageRows(usage({ estimated: true, reasoningTokens: 3 }))) {
      assert.match(row.value, /^≈ [\d,]+ \(estimated\)$/);
    }
  });

  it('times a task by its status', () => {
    const base = { createdAt: 1_000, startedAt: 3_000, finishedAt: 9_500 };
    assert.deepEqual(taskTiming({ ...base, status: 'queued', startedAt: undefined, finishedAt: undefined }, 5_000), { label: 'Waiting', ms: 4_000, live: true });
    assert.deepEqual(taskTiming({ ...base, status: 'running', finishedAt: undefined }, 5_000), { label: 'Elapsed', ms: 2_000, live: true });
    assert.deepEqual(taskTiming({ ...base, status: 'completed' }, 99_999), { label: 'Duration', ms: 6_500, live: false });
    assert.equal(taskTiming({ ...base, status: 'cancelled', startedAt: undefined }, 5_000), undefined, 'cancelled before it started');
  });

  it('offers cancel for live tasks and retry for failed or cancelled ones', () => {
    assert.deepEqual(TASK_STATUSES, ['queued', 'waiting', 'running', 'completed', 'failed', 'cancelled']);
    assert.deepEqual(TASK_STATUSES.map(canCancel), [true, true, true, false, false, false]);
    assert.deepEqual(TASK_STATUSES.map(canRetry), [false, false, false, false, true, true]);
  });

  it('previews the first line of a prompt', () => {
    assert.equal(promptPreview('\n  Summarise this\nfile please'), 'Summarise this');
    const long = promptPreview('x'.repeat(200));
    assert.equal(long.length, 80);
    assert.ok(long.endsWith('…'));
  });
});
