import { strict as assert } from 'node:assert';
import { TaskEventBus, type RejectedEvent } from '../../../src/core/engine/taskEventBus';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { Task } from '../../../src/core/domain/taskModel';
import { ZERO_USAGE } from '../../../src/core/domain/tokenUsage';
import { verbatim } from '../../../src/core/domain/phrase';

const task = { id: 't1' } as Task;

function makeBus(): { bus: TaskEventBus; events: TaskEvent[]; rejected: RejectedEvent[]; listenerErrors: unknown[] } {
  const rejected: RejectedEvent[] = [];
  const listenerErrors: unknown[] = [];
  const bus = new TaskEventBus({ now: () => 42, onRejected: (r) => rejected.push(r), onListenerError: (e) => listenerErrors.push(e) });
  const events: TaskEvent[] = [];
  bus.on((e) => events.push(e));
  return { bus, events, rejected, listenerErrors };
}

function runToCompletion(bus: TaskEventBus): void {
  bus.emit('t1', { type: 'queued', task });
  bus.emit('t1', { type: 'started', attempt: 1 });
  bus.emit('t1', { type: 'progress', text: 'a' });
  bus.emit('t1', { type: 'progress', text: 'b' });
  bus.emit('t1', { type: 'usage', usage: ZERO_USAGE, costUsd: 0 });
  bus.emit('t1', { type: 'completed' });
}

describe('TaskEventBus: the event contract', () => {
  it('delivers queued → started → progress… → usage → completed in order with increasing seq', () => {
    const { bus, events, rejected } = makeBus();
    runToCompletion(bus);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'started', 'progress', 'progress', 'usage', 'completed']);
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4, 5, 6]);
    assert.equal(rejected.length, 0);
  });

  it('refuses completion that does not follow usage', () => {
    const { bus, events, rejected } = makeBus();
    bus.emit('t1', { type: 'queued', task });
    bus.emit('t1', { type: 'started', attempt: 1 });
    assert.equal(bus.emit('t1', { type: 'completed' }), undefined);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'started']);
    assert.match(rejected[0]!.reason, /usage must come first/);
  });

  it('drops a duplicate completion', () => {
    const { bus, events, rejected } = makeBus();
    runToCompletion(bus);
    assert.equal(bus.emit('t1', { type: 'completed' }), undefined);
    assert.equal(events.filter((e) => e.type === 'completed').length, 1);
    assert.equal(rejected[0]!.reason, 'duplicate completion dropped');
  });

  it('emits nothing after a terminal event, whichever it was', () => {
    for (const terminal of ['failed', 'cancelled'] as const) {
      const { bus, events } = makeBus();
      bus.emit('t1', { type: 'queued', task });
      bus.emit('t1', { type: 'started', attempt: 1 });
      if (terminal === 'failed') bus.emit('t1', { type: 'failed', failure: { code: 'UNKNOWN', reason: verbatim('x'), retryable: false } });
      else bus.emit('t1', { type: 'cancelled', reason: verbatim('user') });
      const count = events.length;
      bus.emit('t1', { type: 'progress', text: 'late' });
      bus.emit('t1', { type: 'usage', usage: ZERO_USAGE, costUsd: 0 });
      bus.emit('t1', { type: 'completed' });
      bus.emit('t1', { type: 'failed', failure: { code: 'UNKNOWN', reason: verbatim('x'), retryable: false } });
      assert.equal(events.length, count, `events leaked after ${terminal}`);
      assert.ok(bus.isTerminal('t1'));
    }
  });

  it('refuses events before queued and progress before started', () => {
    const { bus, events } = makeBus();
    assert.equal(bus.emit('t1', { type: 'started', attempt: 1 }), undefined);
    bus.emit('t1', { type: 'queued', task });
    assert.equal(bus.emit('t1', { type: 'progress', text: 'x' }), undefined);
    assert.equal(bus.emit('t1', { type: 'usage', usage: ZERO_USAGE, costUsd: 0 }), undefined);
    assert.deepEqual(events.map((e) => e.type), ['queued']);
  });

  it('allows a queued task to be cancelled without starting', () => {
    const { bus, events } = makeBus();
    bus.emit('t1', { type: 'queued', task });
    bus.emit('t1', { type: 'cancelled', reason: verbatim('user') });
    assert.deepEqual(events.map((e) => e.type), ['queued', 'cancelled']);
  });

  it('a throwing usage listener neither changes the outcome nor starves other listeners', () => {
    const { bus, events, listenerErrors } = makeBus();
    bus.on((e) => {
      if (e.type === 'usage') throw new Error('listener bug');
    });
    const late: string[] = [];
    bus.on((e) => late.push(e.type));
    runToCompletion(bus);
    assert.equal(events.at(-1)!.type, 'completed');
    assert.ok(late.includes('usage') && late.includes('completed'));
    assert.equal(listenerErrors.length, 1);
  });

  it('keeps separate streams per task', () => {
    const { bus, events } = makeBus();
    bus.emit('a', { type: 'queued', task });
    bus.emit('b', { type: 'queued', task });
    bus.emit('a', { type: 'started', attempt: 1 });
    assert.deepEqual(events.map((e) => `${e.taskId}:${e.seq}`), ['a:1', 'b:1', 'a:2']);
  });
});
