import { strict as assert } from 'node:assert';
import type { StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { RUNNING_OUTPUT_HOLDBACK_CHARS } from '../../../src/core/history/storedTask';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { SAVE_SLICE_RECORDS, TaskPersister } from '../../../src/core/history/taskPersister';
import { ManualClock } from '../helpers/manualClock';
import { MemoryTaskStore } from '../helpers/memoryTaskStore';
import { flush, Gate, ScriptedProvider, untilAborted, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';

/** A provider that streams one piece per gate opening, then hangs until aborted. */
function setup(options: { redact?: (t: string) => string } = {}) {
  const clock = new ManualClock();
  const gates: Gate[] = [];
  const pieces: string[] = [];
  const provider = new ScriptedProvider('p', async function* (_req, signal): AsyncIterable<StreamPart> {
    const aborted = untilAborted(signal);
    aborted.catch(() => undefined);
    for (let i = 0; ; i++) {
      const gate = (gates[i] ??= new Gate());
      await Promise.race([gate.promise, aborted]);
      const text = pieces[i];
      if (text === undefined) {
        yield USAGE_10_5;
        return;
      }
      yield { type: 'text', text };
    }
  });
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `t${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 2, defaultTimeoutMs: 3_600_000 });
  const store = new MemoryTaskStore();
  const persister = new TaskPersister({ source: engine, store, clock, ...(options.redact && { redact: options.redact }) });
  persister.start();
  /** Streams one more piece (or, with undefined, finishes). */
  const stream = async (i: number, text: string | undefined): Promise<void> => {
    pieces[i] = text as string;
    (gates[i] ??= new Gate()).open();
    await flush();
  };
  return { clock, engine, store, persister, stream };
}

describe('TaskPersister (when changes reach the store)', () => {
  it('saves a burst of changes as one batch 500 ms after the last change', async () => {
    const { clock, engine, store } = setup();
    engine.submit({ title: 'a', prompt: 'a', providerId: 'p', model: 'm' });
    engine.submit({ title: 'b', prompt: 'b', providerId: 'p', model: 'm' });
    await flush();
    clock.advance(499);
    assert.equal(store.batches.length, 0);
    clock.advance(1);
    assert.equal(store.batches.length, 1);
    assert.deepEqual(store.batches[0]!.put.map((t) => [t.id, t.status]), [['t1', 'running'], ['t2', 'running']]);
  });

  it('a stream that never pauses is saved every 2 s, not per token', async () => {
    const { clock, engine, store, stream } = setup();
    engine.submit({ title: 'a', prompt: 'a', providerId: 'p', model: 'm' });
    await flush();
    for (let i = 0; i < 50; i++) {
      await stream(i, `${'x'.repeat(300)}${i};`);
      clock.advance(100); // 5 s of tokens, 100 ms apart
    }
    assert.equal(store.batches.length, 2, `saved ${store.batches.length} times in 5 s of streaming`);
    const last = store.records.get('t1')!;
    assert.equal(last.status, 'running');
    assert.ok(last.output.length > 0 && last.output.length < engine.get('t1')!.output.length, 'a running task is saved with its output minus the held-back tail');
  });

  it('holds back the tail of a running task and saves everything once it finishes', async () => {
    const { clock, engine, store, stream } = setup();
    engine.submit({ title: 'a', prompt: 'a', providerId: 'p', model: 'm' });
    await flush();
    await stream(0, 'y'.repeat(1000));
    clock.advance(500);
    assert.equal(store.records.get('t1')!.output.length, 1000 - RUNNING_OUTPUT_HOLDBACK_CHARS);
    await stream(1, undefined);
    await engine.whenIdle();
    clock.advance(500);
    assert.equal(store.records.get('t1')!.status, 'completed');
    assert.equal(store.records.get('t1')!.output, 'y'.repeat(1000));
  });

  it('redacts text before it is stored', async () => {
    const { clock, engine, store, stream } = setup({ redact: (t) => t.split('sk-SECRET-123456').join('«redacted»') });
    engine.submit({ title: 'key sk-SECRET-123456', prompt: 'p sk-SECRET-123456', providerId: 'p', model: 'm' });
    await flush();
    await stream(0, 'your key is sk-SECRET-123456.');
    await stream(1, undefined);
    await engine.whenIdle();
    clock.advance(500);
    const saved = JSON.stringify(store.records.get('t1'));
    assert.ok(!saved.includes('sk-SECRET-123456'), saved);
    assert.match(saved, /«redacted»/);
  });

  it('records removals, and a removal after a put in the same batch wins', async () => {
    const { clock, engine, store, stream } = setup();
    engine.submit({ title: 'a', prompt: 'a', providerId: 'p', model: 'm' });
    await flush();
    await stream(0, undefined);
    await engine.whenIdle();
    clock.advance(500);
    assert.ok(store.records.has('t1'));
    engine.remove(['t1']);
    clock.advance(500);
    assert.deepEqual(store.batches.at(-1), { put: [], remove: ['t1'] });
    assert.equal(store.records.has('t1'), false);
  });

  it('stop() saves running tasks as running before a shutdown abort can make them "cancelled"', async () => {
    const { engine, store, persister, stream } = setup();
    engine.submit({ title: 'a', prompt: 'a', providerId: 'p', model: 'm' });
    await flush();
    await stream(0, 'partial '.repeat(100));
    await persister.stop();
    engine.dispose();
    await engine.whenIdle();
    assert.equal(engine.get('t1')!.status, 'cancelled');
    assert.equal(store.records.get('t1')!.status, 'running', 'the abort on shutdown reached the store');
    assert.ok(store.records.get('t1')!.output.startsWith('partial'));
  });

  it('writes a large save in slices, one per turn of the event loop, and flush() resolves once all are in the store', async () => {
    const { engine, store, persister } = setup();
    engine.pause();
    const count = SAVE_SLICE_RECORDS * 2 + 7;
    for (let i = 0; i < count; i++) engine.submit({ title: `t${i}`, prompt: 'p', providerId: 'p', model: 'm' });
    const flushed = persister.flush();
    assert.equal(store.batches.length, 1, 'more than one slice was written in the same turn');
    assert.equal(store.batches[0]!.put.length, SAVE_SLICE_RECORDS);
    await flushed;
    assert.deepEqual(store.batches.map((b) => b.put.length), [SAVE_SLICE_RECORDS, SAVE_SLICE_RECORDS, 7]);
    assert.equal(store.records.size, count);
    assert.equal(persister.pendingCount, 0);
  });

  it('a task removed before its slice is written is not brought back; stop() writes what is left at once', async () => {
    const { engine, store, persister } = setup();
    engine.pause();
    for (let i = 0; i < SAVE_SLICE_RECORDS + 3; i++) engine.submit({ title: `t${i}`, prompt: 'p', providerId: 'p', model: 'm' });
    void persister.flush();
    const last = `t${SAVE_SLICE_RECORDS + 3}`;
    engine.cancel(last);
    engine.remove([last]);
    await persister.stop();
    assert.equal(store.records.size, SAVE_SLICE_RECORDS + 2);
    assert.equal(store.records.has(last), false, 'a removed task was saved again by a later slice');
  });
});
