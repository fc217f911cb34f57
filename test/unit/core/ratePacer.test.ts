import { strict as assert } from 'node:assert';
import { RatePacer } from '../../../src/core/limits/ratePacer';
import { ManualClock } from '../helpers/manualClock';
import { flush } from '../helpers/scriptedProvider';

function grantLog(pacer: RatePacer, clock: ManualClock, log: string[]) {
  return (taskId: string, tokens: number, weight: number, signal = new AbortController().signal): Promise<void> => {
    const wait = pacer.acquire(taskId, tokens, weight, signal);
    const record = (): void => void log.push(`${taskId}@${clock.now() - 1_000_000}`);
    if (!wait) {
      record();
      return Promise.resolve();
    }
    return wait.then(record);
  };
}

describe('RatePacer', () => {
  it('without limits grants at once, without even a promise', () => {
    const pacer = new RatePacer(new ManualClock());
    assert.equal(pacer.acquire('a', 1_000_000, 1, new AbortController().signal), undefined);
  });

  it('spaces requests to requests-per-minute after a half-second burst', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { requestsPerMinute: 240 }); // 4/s, burst of 2
    const log: string[] = [];
    const acquire = grantLog(pacer, clock, log);
    for (const id of ['a', 'b', 'c', 'd']) void acquire(id, 0, 1);
    await flush();
    assert.deepEqual(log, ['a@0', 'b@0']);
    clock.advance(250);
    await flush();
    clock.advance(250);
    await flush();
    assert.deepEqual(log, ['a@0', 'b@0', 'c@250', 'd@500']);
  });

  it('grants waiting requests by priority, FIFO within a priority, and follows priority changes', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { requestsPerMinute: 60 }); // 1/s, burst of 1
    const log: string[] = [];
    const acquire = grantLog(pacer, clock, log);
    void acquire('first', 0, 1);
    void acquire('normal-1', 0, 1);
    void acquire('low', 0, 0);
    void acquire('normal-2', 0, 1);
    void acquire('urgent', 0, 3);
    pacer.setPriority('low', 2);
    for (let i = 0; i < 5; i++) {
      await flush();
      clock.advance(1_000);
    }
    await flush();
    assert.deepEqual(log.map((l) => l.split('@')[0]), ['first', 'urgent', 'low', 'normal-1', 'normal-2']);
  });

  it('charges a token estimate and settles it against the real count', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { tokensPerMinute: 120_000 }); // 2000 tokens/s, bucket 1000
    const log: string[] = [];
    const acquire = grantLog(pacer, clock, log);
    void acquire('a', 800, 1);
    void acquire('b', 800, 1);
    await flush();
    assert.deepEqual(log, ['a@0'], 'b waits: only 200 tokens left');
    pacer.settle(800, 100); // a really used 100: 700 come back
    await flush();
    assert.deepEqual(log, ['a@0', 'b@0']);
  });

  it('a request larger than the bucket goes once the bucket is full, and its debt delays the next', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { tokensPerMinute: 120_000 }); // 2 tokens/ms, bucket 1000
    const log: string[] = [];
    const acquire = grantLog(pacer, clock, log);
    void acquire('big', 3_000, 1);
    void acquire('next', 500, 1);
    await flush();
    clock.advance(1_249);
    await flush();
    assert.deepEqual(log, ['big@0']);
    clock.advance(1);
    await flush();
    assert.deepEqual(log, ['big@0', 'next@1250'], '2,000 tokens of debt plus 500 at 2 tokens/ms');
  });

  it('holds every grant while the provider asked to back off, and while paused', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { requestsPerMinute: 6_000 });
    const log: string[] = [];
    const acquire = grantLog(pacer, clock, log);
    pacer.holdFor(3_000);
    void acquire('a', 0, 1);
    await flush();
    clock.advance(2_999);
    await flush();
    assert.deepEqual(log, []);
    clock.advance(1);
    await flush();
    assert.deepEqual(log, ['a@3000']);
    pacer.setHeld(true);
    void acquire('b', 0, 1);
    clock.advance(10_000);
    await flush();
    assert.deepEqual(log, ['a@3000']);
    pacer.setHeld(false);
    await flush();
    assert.deepEqual(log, ['a@3000', 'b@13000']);
  });

  it('an aborted waiter rejects, leaves the line and leaves no timer behind', async () => {
    const clock = new ManualClock();
    const pacer = new RatePacer(clock, { requestsPerMinute: 60 });
    const controller = new AbortController();
    pacer.acquire('a', 0, 1, new AbortController().signal);
    const waiting = pacer.acquire('b', 0, 1, controller.signal)!;
    assert.equal(clock.pendingTimers, 1);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    assert.equal(pacer.waiting, 0);
    assert.equal(clock.pendingTimers, 0);
  });
});
