import { strict as assert } from 'node:assert';
import { taskMatcher } from '../../../src/core/reports/taskFilter';
import type { Task } from '../../../src/core/domain/taskModel';
import type { MutableTask } from '../../../src/core/domain/taskModel';
import { TaskTreeIndex } from '../../../src/views/tree/taskTreeIndex';
import { T0, task } from '../helpers/taskFixture';

function source(tasks: Task[]) {
  const map = new Map<string, MutableTask>(tasks.map((t) => [t.id, { ...t }]));
  let lists = 0;
  let gets = 0;
  return {
    map,
    stats: () => ({ lists, gets }),
    list: (): readonly Task[] => {
      lists += 1;
      return [...map.values()];
    },
    get: (id: string): Task | undefined => {
      gets += 1;
      return map.get(id);
    },
  };
}

describe('TaskTreeIndex (tasks by status for the tree)', () => {
  it('orders queued by priority then age, finished newest first, running in start order', () => {
    const src = source([
      task('q-low', { status: 'queued', priority: 'low', createdAt: T0 }),
      task('q-urgent', { status: 'queued', priority: 'urgent', createdAt: T0 + 5 }),
      task('q-normal', { status: 'queued', createdAt: T0 + 1 }),
      task('old', { finishedAt: T0 + 10 }),
      task('new', { finishedAt: T0 + 20 }),
    ]);
    const index = new TaskTreeIndex(src);
    assert.deepEqual(index.tasksIn('queued').map((t) => t.id), ['q-urgent', 'q-normal', 'q-low']);
    assert.deepEqual(index.tasksIn('completed').map((t) => t.id), ['new', 'old']);
  });

  it('moves a task between groups on update and answers counts without re-reading history', () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => task(`t${i}`, { finishedAt: T0 + i }));
    const src = source([...tasks, task('run', { status: 'queued' })]);
    const index = new TaskTreeIndex(src);
    assert.equal(index.tasksIn('completed').length, 10_000);
    const before = src.stats();
    for (let i = 0; i < 100; i++) index.tasksIn('completed'); // the tree asks again and again
    assert.deepEqual(src.stats(), before, 'a cached group re-reads nothing');
    src.map.get('run')!.status = 'running';
    assert.equal(index.update('run'), true);
    assert.equal(index.update('run'), false, 'no move, no change');
    assert.deepEqual(index.tasksIn('running').map((t) => t.id), ['run']);
    assert.equal(index.tasksIn('queued').length, 0);
    assert.equal(src.stats().lists, 1, 'history was listed once, at construction');
  });

  it('filters, counts totals regardless of the filter, and re-filters running tasks whose output grows', () => {
    const src = source([task('a', { output: 'apple' }), task('b', { output: 'banana' }), task('r', { status: 'running', output: '' })]);
    const index = new TaskTreeIndex(src);
    index.setMatcher(taskMatcher({ terms: ['apple'] }));
    assert.deepEqual(index.tasksIn('completed').map((t) => t.id), ['a']);
    assert.equal(index.totalIn('completed'), 2);
    assert.equal(index.tasksIn('running').length, 0);
    src.map.get('r')!.output = 'an apple appears';
    assert.equal(index.tasksIn('running').length, 1);
    index.setMatcher(undefined);
    assert.equal(index.tasksIn('completed').length, 2);
  });

  it('forgets removed tasks', () => {
    const src = source([task('a'), task('b')]);
    const index = new TaskTreeIndex(src);
    src.map.delete('a');
    assert.equal(index.remove(['a']), true);
    assert.deepEqual(index.tasksIn('completed').map((t) => t.id), ['b']);
    assert.equal(index.statusOfTask('a'), undefined);
  });
});

describe('TaskTreeIndex at 100,000 queued tasks', () => {
  it('a page and a count after a change read only the page, not the whole group', () => {
    const tasks = Array.from({ length: 100_000 }, (_, i) => task(`q${i}`, { status: 'queued', priority: i % 2 === 0 ? 'low' : 'high', createdAt: T0 + i }));
    const src = source(tasks);
    const index = new TaskTreeIndex(src);
    src.map.get('q1')!.status = 'running';
    index.update('q1');
    const before = src.stats().gets;
    const page = index.page('queued', 200);
    assert.equal(page.length, 200);
    assert.equal(page[0]!.id, 'q3', 'high priority first, in arrival order');
    assert.equal(index.count('queued'), 99_999);
    assert.ok(src.stats().gets - before <= 200, `a page read ${src.stats().gets - before} tasks`);
  });
});
