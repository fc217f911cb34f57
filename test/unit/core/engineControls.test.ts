import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { analyzeFailure } from '../../../src/core/reports/failureAnalysis';
import type { Task, TaskInput } from '../../../src/core/domain/taskModel';
import { ManualClock } from '../helpers/manualClock';
import { flush, ScriptedProvider, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { advice, words } from '../helpers/phraseWords';

async function* parts(list: StreamPart[]): AsyncIterable<StreamPart> {
  for (const p of list) yield p;
}

function setup(pauseOnFailure = false) {
  const clock = new ManualClock();
  const order: string[] = [];
  const provider = new ScriptedProvider('p', (request) => {
    order.push(request.prompt);
    if (request.prompt.startsWith('fail')) {
      return (async function* () {
        yield* [];
        clock.advance(1_500);
        throw new ProviderError(verbatim('HTTP 400 from P: bad'), { kind: 'http', providerId: 'p', status: 400 });
      })();
    }
    return parts([{ type: 'text', text: 'ok' }, USAGE_10_5]);
  });
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock,
    newId: () => `t${++n}`,
    providers: (id) => (id === 'p' ? provider : undefined),
    priceBook: () => new PriceBook(),
    concurrency: 1,
    defaultTimeoutMs: 60_000,
    pauseOnFailure,
    random: () => 0,
  });
  return { clock, engine, order, provider };
}

const input = (prompt: string, extra: Partial<TaskInput> = {}): TaskInput => ({ title: prompt, prompt, providerId: 'p', model: 'm', ...extra });

describe('Engine controls', () => {
  it('setPriority moves a queued task ahead in the global queue and tells surfaces', async () => {
    const { engine, order } = setup();
    const changed: string[] = [];
    engine.onTaskChange((id) => changed.push(id));
    engine.pause();
    engine.submit(input('a'));
    engine.submit(input('b'));
    const c = engine.submit(input('c', { priority: 'low' }));
    await flush();
    assert.equal(engine.setPriority(c.id, 'urgent'), true);
    assert.deepEqual(changed, [c.id]);
    engine.resume();
    await engine.whenIdle();
    assert.deepEqual(order, ['c', 'a', 'b']);
    assert.equal(engine.setPriority('nope', 'high'), false);
  });

  it('pause-on-failure pauses the queue when a task fails and reports which task did it', async () => {
    const { engine, order } = setup(true);
    const paused: Task[] = [];
    engine.onPausedByFailure((t) => paused.push(t));
    engine.submit(input('fail-1'));
    engine.submit(input('later'));
    await flush();
    assert.equal(engine.queueState.paused, true);
    assert.equal(words(engine.queueState.pauseReason), '"fail-1" failed, and "pause on failure" is on', 'the Queued group says why it waits');
    assert.deepEqual(paused.map((t) => t.title), ['fail-1']);
    assert.deepEqual(order, ['fail-1'], 'nothing new starts after the failure');
    engine.setPauseOnFailure(false);
    engine.resume();
    await engine.whenIdle();
    assert.deepEqual(order, ['fail-1', 'later']);
  });

  it('says why the queue is paused while it is, and nothing once it runs again', () => {
    const { engine } = setup();
    const states: (string | undefined)[] = [];
    engine.onQueueState((state) => states.push(state.pauseReason && words(state.pauseReason)));
    engine.pause();
    assert.deepEqual(engine.queueState.pauseReason, phrase('pause.byUser', {}));
    engine.pause(verbatim('the $5.00 budget for today is reached'));
    assert.equal(words(engine.queueState.pauseReason), 'the $5.00 budget for today is reached');
    engine.resume();
    assert.equal(engine.queueState.pauseReason, undefined);
    assert.deepEqual(states, ['you paused it', 'the $5.00 budget for today is reached', undefined]);
  });

  it('pausing lets running tasks finish but starts nothing new', async () => {
    const { engine, order } = setup();
    engine.submit(input('first'));
    engine.pause();
    engine.submit(input('second'));
    await flush();
    assert.equal(engine.counts().completed + engine.counts().running + engine.counts().queued, 2);
    assert.deepEqual(order.includes('second'), false);
    engine.resume();
    await engine.whenIdle();
    assert.equal(engine.counts().completed, 2);
  });

  it('keeps failed tasks as dead letters with class, attempts, status, provider, time lost and a next step', async () => {
    const { engine } = setup();
    engine.submit(input('ok'));
    const failed = engine.submit(input('fail-x'));
    await engine.whenIdle();
    const letters = engine.list().flatMap((t) => analyzeFailure(t) ?? []);
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.equal(letter!.taskId, failed.id);
    assert.equal(letter!.code, 'BAD_REQUEST');
    assert.equal(letter!.attempts, 1);
    assert.equal(letter!.lastStatus, 400);
    assert.equal(letter!.providerId, 'p');
    assert.equal(letter!.timeLostMs, 1_500);
    // BAD_REQUEST has no next step of its own: the class's advice is it.
    assert.equal(letter!.nextStep, undefined);
    assert.equal(advice(failed.id ? engine.get(failed.id)!.error : undefined), "The provider rejected the request; check the model's options (max tokens, temperature).");
  });
});
