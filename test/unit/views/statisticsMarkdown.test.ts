import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import { computeStatistics } from '../../../src/core/reports/taskStatistics';
import { renderStatisticsMarkdown } from '../../../src/views/statistics/statisticsMarkdown';
import { task, usage } from '../helpers/taskFixture';
import { computeSpend } from '../../../src/core/reports/spendStatistics';
import { verbatim } from '../../../src/core/domain/phrase';

describe('renderStatisticsMarkdown', () => {
  const header = { generatedAt: 'now', providerLabel: (id: string): string => (id === 'openai' ? 'OpenAI' : id) };

  it('shows every section with the numbers and labels', () => {
    const stats = computeStatistics([
      task('a', { usage: usage(100, 50), costUsd: 0.01, firstTokenAt: task('a').startedAt! + 250 }),
      task('b', { status: 'failed', error: failure('RATE_LIMITED', verbatim('x')), attempts: 2, retriedFailures: ['RATE_LIMITED'] }),
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

  it('has a Spend section: session and today against their limits, this month, cache savings, batches, and override prices marked', () => {
    const tasks = [
      task('a', { usage: usage(100, 50), costUsd: 0.4, batchId: 'b1', title: 'Review — a.ts' }),
      task('b', { usage: usage(100, 50), costUsd: 0.3, batchId: 'b1', title: 'Review — b.ts' }),
      task('c', { usage: usage(0, 0), costUsd: 0, cached: { savedUsd: 0.25, storedAt: 0 } }),
      task('d', { model: 'my-model', usage: usage(10, 10), costUsd: 1 }),
    ];
    const md = renderStatisticsMarkdown(computeStatistics(tasks), {
      ...header,
      spend: {
        spend: computeSpend(tasks),
        budgets: [
          { window: 'session', spent: { usd: 1.7, estimatedUsd: 0, unpricedRuns: 0 }, limitUsd: undefined, level: 'ok' },
          { window: 'day', spent: { usd: 4.5, estimatedUsd: 0.5, unpricedRuns: 0 }, limitUsd: 5, level: 'warning' },
        ],
        month: { usd: 12.25, estimatedUsd: 0, unpricedRuns: 2 },
        batchLimitUsd: 0.5,
        priceOverridden: (model) => model === 'my-model',
        pricingScope: 'workspace',
      },
    });
    assert.match(md, /## Spend/);
    assert.match(md, /\| This session \| \$1\.70 \|/);
    assert.match(md, /\| Today \| ≈\$4\.50 of \$5\.00 \(90 %\) — near the limit \|/);
    assert.match(md, /\| This month \| \$12\.25 \+ 2 unpriced \|/);
    assert.match(md, /\| Saved by the response cache \| \$0\.2500 in 1 cached answer\(s\) \|/);
    assert.match(md, /\| Review — a\.ts \| [\d-]+ [\d:]+ \| 2 \| \$0\.7000 \(limit \$0\.50 reached\) \|/);
    assert.match(md, /\| my-model † \|/);
    assert.match(md, /† Priced by an `aiTaskQueue\.pricing` override from this workspace's settings/);
  });
});
