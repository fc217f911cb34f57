import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import { computeStatistics } from '../../../src/core/reports/taskStatistics';
import { renderStatisticsMarkdown } from '../../../src/views/statistics/statisticsMarkdown';
import { task, usage } from '../helpers/taskFixture';

describe('renderStatisticsMarkdown', () => {
  const header = { generatedAt: 'now', providerLabel: (id: string): string => (id === 'openai' ? 'OpenAI' : id) };

  it('shows every section with the numbers and labels', () => {
    const stats = computeStatistics([
      task('a', { usage: usage(100, 50), costUsd: 0.01, firstTokenAt: task('a').startedAt! + 250 }),
      task('b', { status: 'failed', error: failure('RATE_LIMITED', 'x'), attempts: 2, retriedFailures: ['RATE_LIMITED'] }),
      task('c', { model: 'odd|model', usage: usage(1, 1), costUsd: null }),
    ]);
    const md = renderStatisticsMarkdown(stats, header);
    assert.match(md, /\| Success rate \| 66\.7 % \|/);
    assert.match(md, /\| OpenAI \| gpt-4o \| 1 \| 100 \| 50 \| 0 \| \$0\.010* \|/);
    assert.match(md, /odd\\\|model/, 'a pipe in a model id cannot break the table');
    assert.match(md, /\$0 \+ 1 unpriced/);
    assert.match(md, /## By day/);
    assert.match(md, /1 retry in 1 task\(s\)/);
    assert.match(md, /\| `RATE_LIMITED` \| 1 \|/);
    assert.match(md, /Time to first token: average · p50 · p95 \(1\) \| 250ms · 250ms · 250ms/);
  });

  it('says which filter the numbers cover, and handles an empty history', () => {
    const md = renderStatisticsMarkdown(computeStatistics([]), { ...header, filter: 'status:failed' });
    assert.match(md, /Tasks matching `status:failed`/);
    assert.match(md, /No tasks yet\./);
  });
});
