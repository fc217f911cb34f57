import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import { computeStatistics, percentile } from '../../../src/core/reports/taskStatistics';
import { T0, task, usage } from '../helpers/taskFixture';
import { verbatim } from '../../../src/core/domain/phrase';

const DAY = 86_400_000;

describe('computeStatistics', () => {
  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.equal(percentile(values, 95), 19);
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 100), 20);
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([], 95), undefined);
  });

  it('success rate leaves out cancelled and interrupted tasks', () => {
    const stats = computeStatistics([
      task('c1'),
      task('c2'),
      task('c3'),
      task('f1', { status: 'failed', error: failure('AUTH', verbatim('no')) }),
      task('x', { status: 'cancelled', error: failure('CANCELLED', verbatim('by user')) }),
      task('i', { status: 'failed', error: failure('INTERRUPTED', verbatim('closed')) }),
    ]);
    assert.equal(stats.successRate, 0.75);
    assert.equal(stats.interrupted, 1);
    assert.deepEqual(stats.failuresByClass, [{ code: 'AUTH', count: 1 }]);
  });

  it('durations, p95 and time to first token over completed tasks; throughput per busy minute', () => {
    // 20 completed tasks taking 1..20 s, run one after another with a 10 s idle gap in the middle.
    const tasks = Array.from({ length: 20 }, (_, i) => {
      const start = T0 + i * 30_000 + (i >= 10 ? 10_000 : 0);
      return task(`t${i}`, { startedAt: start, finishedAt: start + (i + 1) * 1000, firstTokenAt: start + 100 * (i + 1) });
    });
    tasks.push(task('failed', { status: 'failed', startedAt: T0, finishedAt: T0 + 700_000, error: failure('SERVER_ERROR', verbatim('x')) }));
    const stats = computeStatistics(tasks);
    assert.equal(stats.duration.count, 20);
    assert.equal(stats.duration.averageMs, 10_500);
    assert.equal(stats.duration.p95Ms, 19_000);
    assert.equal(stats.timeToFirstToken.p95Ms, 1_900);
    assert.equal(stats.timeToFirstToken.count, 20);
    // The failed task spans T0..T0+700 s and covers every other interval: busy time is 700 s.
    assert.equal(stats.busyMs, 700_000);
    assert.equal(stats.tasksPerMinute, 21 / (700_000 / 60_000));
    // Without it, the idle gaps between tasks are not busy time.
    const alone = computeStatistics(tasks.slice(0, 2));
    assert.equal(alone.busyMs, 3_000);
  });

  it('tokens and cost by provider/model and by day; unknown prices are counted, never added as 0', () => {
    const stats = computeStatistics(
      [
        task('a', { usage: usage(100, 50), costUsd: 0.01 }),
        task('b', { usage: usage(10, 5), costUsd: 0.002, finishedAt: T0 + DAY }),
        task('c', { providerId: 'anthropic', model: 'claude', usage: usage(1000, 1000), costUsd: 0.5 }),
        task('d', { providerId: 'vscodeLm', model: 'copilot', usage: usage(7, 3, true), costUsd: null }),
        task('q', { status: 'queued', startedAt: undefined, finishedAt: undefined }),
      ],
      { utcOffsetMinutes: 0 },
    );
    assert.deepEqual(
      stats.byProviderModel.map((g) => [g.providerId, g.model, g.tasks, g.totalTokens, Number(g.costUsd.toFixed(6)), g.unknownCostTasks, g.estimatedTasks]),
      [
        ['anthropic', 'claude', 1, 2000, 0.5, 0, 0],
        ['openai', 'gpt-4o', 2, 165, 0.012, 0, 0],
        ['vscodeLm', 'copilot', 1, 10, 0, 1, 1],
      ],
    );
    assert.deepEqual(stats.byDay.map((d) => [d.day, d.finished, d.totalTokens]), [['2025-03-10', 3, 2160], ['2025-03-11', 1, 15]]);
    assert.equal(stats.usage.unknownCostTasks, 1);
    assert.equal(Number(stats.usage.costUsd.toFixed(6)), 0.512);
  });

  it('groups by day in the caller\'s time zone', () => {
    // 23:30 UTC on the 10th is the 11th in UTC+1.
    const late = Date.UTC(2025, 2, 10, 23, 30);
    assert.equal(computeStatistics([task('a', { finishedAt: late })], { utcOffsetMinutes: 60 }).byDay[0]!.day, '2025-03-11');
    assert.equal(computeStatistics([task('a', { finishedAt: late })]).byDay[0]!.day, '2025-03-10');
  });

  it('retries by the class that caused them', () => {
    const stats = computeStatistics([
      task('a', { attempts: 3, retriedFailures: ['RATE_LIMITED', 'RATE_LIMITED'] }),
      task('b', { attempts: 2, retriedFailures: ['SERVER_ERROR'], status: 'failed', error: failure('SERVER_ERROR', verbatim('x')) }),
      task('c'),
    ]);
    assert.deepEqual(stats.retries, { total: 3, tasks: 2, byClass: [{ code: 'RATE_LIMITED', count: 2 }, { code: 'SERVER_ERROR', count: 1 }] });
  });

  it('an empty history has no rates, not zeros', () => {
    const stats = computeStatistics([]);
    assert.equal(stats.successRate, undefined);
    assert.equal(stats.tasksPerMinute, undefined);
    assert.equal(stats.duration.p95Ms, undefined);
  });
});
