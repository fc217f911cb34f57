import { strict as assert } from 'node:assert';
import { expiredTaskIds } from '../../../src/core/history/historyRetention';
import { T0, task } from '../helpers/taskFixture';

const DAY = 86_400_000;

describe('expiredTaskIds (history retention)', () => {
  it('drops finished tasks older than maxAgeDays, by finish time, and nothing younger', () => {
    const tasks = [task('old', { finishedAt: T0 - 31 * DAY }), task('edge', { finishedAt: T0 - 30 * DAY }), task('new', { finishedAt: T0 - DAY })];
    assert.deepEqual(expiredTaskIds(tasks, { maxAgeDays: 30, maxTasks: 100 }, T0), ['old']);
  });

  it('keeps at most maxTasks finished tasks, dropping the oldest, in history order', () => {
    const tasks = [1, 5, 2, 4, 3].map((n) => task(`t${n}`, { finishedAt: T0 + n }));
    assert.deepEqual(expiredTaskIds(tasks, { maxAgeDays: 30, maxTasks: 3 }, T0), ['t1', 't2']);
  });

  it('never drops queued or running tasks, however old, and they do not count toward maxTasks', () => {
    const ancient = T0 - 400 * DAY;
    const tasks = [
      task('q', { status: 'queued', createdAt: ancient, startedAt: undefined, finishedAt: undefined }),
      task('r', { status: 'running', createdAt: ancient, startedAt: ancient, finishedAt: undefined }),
      task('a', { finishedAt: T0 - 1 }),
      task('b', { finishedAt: T0 - 2 }),
    ];
    assert.deepEqual(expiredTaskIds(tasks, { maxAgeDays: 30, maxTasks: 1 }, T0), ['b']);
  });

  it('counts failed, cancelled and interrupted tasks as finished history', () => {
    const tasks = [task('f', { status: 'failed', finishedAt: T0 - 40 * DAY }), task('c', { status: 'cancelled', finishedAt: T0 - 40 * DAY })];
    assert.deepEqual(expiredTaskIds(tasks, { maxAgeDays: 30, maxTasks: 10 }, T0), ['f', 'c']);
  });
});
