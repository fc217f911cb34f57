// Recovery across sessions in plain Node: a real engine and a real FileTaskStore in a temp folder.
// Session 1 completes a task, leaves one running (with partial output) and four queued; then it
// shuts down cleanly, or "crashes" (the folder is copied at the last durable save and session 1 is
// abandoned). Session 2 must find the queued tasks queued again in their order and priority, the
// running one interrupted with its partial output and resumable, and the finished one unchanged.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StreamPart } from '../../../src/core/domain/chatProvider';
import type { HistoryChange } from '../../../src/core/engine/historyChange';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { RUNNING_OUTPUT_HOLDBACK_CHARS } from '../../../src/core/history/storedTask';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import { TaskHistory } from '../../../src/core/history/taskHistory';
import { FileTaskStore } from '../../../src/persistence/fileTaskStore';
import { ManualClock } from '../helpers/manualClock';
import { flush, ScriptedProvider, untilAborted, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { advice } from '../helpers/phraseWords';

const PARTIAL = 'partial output. '.repeat(40);

function session(dir: string, clock: ManualClock, startPaused = false) {
  const order: string[] = [];
  const provider = new ScriptedProvider('p', async function* (req, signal): AsyncIterable<StreamPart> {
    order.push(req.prompt);
    if (req.prompt === 'long') {
      yield { type: 'text', text: PARTIAL };
      await untilAborted(signal);
    }
    yield { type: 'text', text: `answer to ${req.prompt}` };
    yield USAGE_10_5;
  });
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `${path.basename(dir)}-new${++n}`, providers: () => provider, priceBook: () => new PriceBook(), concurrency: 1, defaultTimeoutMs: 3_600_000 });
  if (startPaused) engine.pause();
  const events: TaskEvent[] = [];
  const changes: HistoryChange[] = [];
  engine.events.on((e) => events.push(e));
  engine.onHistoryChange((c) => changes.push(c));
  const store = new FileTaskStore({ directory: dir, now: () => clock.now() });
  const history = new TaskHistory({ engine, store, clock, retention: () => ({ maxAgeDays: 30, maxTasks: 1000 }) });
  return { engine, store, history, order, events, changes };
}

/** Session 1 up to the point where it ends: t-done completed, t-long running, four queued. */
async function firstSession(dir: string, clock: ManualClock) {
  const s = session(dir, clock);
  await s.history.open();
  const submit = (prompt: string, priority: 'low' | 'normal' | 'high' = 'normal'): string => s.engine.submit({ title: prompt, prompt, providerId: 'p', model: 'm', priority }).id;
  const ids = { done: submit('done'), long: submit('long') };
  await flush();
  const queued = [submit('q-low', 'low'), submit('q-normal-1'), submit('q-high', 'high'), submit('q-normal-2')];
  await flush();
  clock.advance(2_000);
  await s.history.flush();
  assert.equal(s.engine.get(ids.done)!.status, 'completed');
  assert.equal(s.engine.get(ids.long)!.status, 'running');
  return { ...s, ids, queued };
}

describe('Recovery of queued and interrupted tasks (engine + FileTaskStore + TaskHistory)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'atq-recovery-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const ending of ['clean shutdown', 'crash'] as const) {
    it(`after a ${ending}: queued tasks come back queued in order, the running one interrupted with its output`, async () => {
      const clock = new ManualClock();
      const dir = path.join(root, 'history');
      const first = await firstSession(dir, clock);
      let dir2 = dir;
      if (ending === 'clean shutdown') {
        const saved = first.history.shutdown();
        first.engine.dispose();
        await saved;
        await first.store.close();
      } else {
        // The process dies: only what is on disk now survives. Session 1 is abandoned unflushed.
        dir2 = path.join(root, 'after-crash');
        cpSync(dir, dir2, { recursive: true });
      }
      clock.advance(60_000);

      const second = session(dir2, clock, true);
      const opened = await second.history.open();
      assert.deepEqual(opened.warnings, []);
      assert.deepEqual(opened.restored.requeued, first.queued);
      assert.deepEqual(opened.interruptedLastSession, [first.ids.long]);

      const done = second.engine.get(first.ids.done)!;
      assert.equal(done.status, 'completed');
      assert.equal(done.output, 'answer to done');
      assert.deepEqual(done.usage, first.engine.get(first.ids.done)!.usage);

      const long = second.engine.get(first.ids.long)!;
      assert.equal(long.status, 'failed');
      assert.equal(long.error?.code, 'INTERRUPTED');
      assert.equal(long.error?.retryable, true);
      assert.match(advice(long.error), /Resume/);
      assert.equal(long.output, PARTIAL.slice(0, PARTIAL.length - RUNNING_OUTPUT_HOLDBACK_CHARS));
      assert.ok(long.finishedAt! >= long.startedAt! && long.finishedAt! < clock.now(), 'ended at its last save, not at load time');

      // Events: only the re-queued tasks emit (queued first); the finished ones arrive once, on the history channel.
      assert.deepEqual(second.events.map((e) => [e.taskId, e.type, e.seq]), first.queued.map((id) => [id, 'queued', 1]));
      assert.equal(second.changes.length, 1);
      const change = second.changes[0]!;
      assert.deepEqual(change.type === 'restored' && change.tasks.map((t) => t.id), [first.ids.done, first.ids.long]);

      second.engine.resume();
      await flush();
      assert.deepEqual(second.order, ['q-high', 'q-normal-1', 'q-normal-2', 'q-low'], 'priority order, FIFO within a priority');
      assert.deepEqual(second.history.pendingInterrupted(), [first.ids.long]);
      const resumed = second.history.resumeInterrupted();
      assert.equal(resumed.length, 1);
      assert.equal(resumed[0]!.retryOf, first.ids.long);
      assert.deepEqual(second.history.pendingInterrupted(), []);
      await flush();
      assert.deepEqual(second.order.at(-1), 'long', 'the resumed task runs the same prompt again');
      for (const id of first.queued) assert.equal(second.engine.get(id)!.status, 'completed');

      const byId = new Map(second.events.map((e) => [e.taskId, [] as string[]]));
      for (const e of second.events) byId.get(e.taskId)!.push(e.type);
      for (const id of first.queued) assert.deepEqual(byId.get(id), ['queued', 'started', 'progress', 'usage', 'completed']);

      // Session 3: the interrupted task was resumed, so it is not offered again.
      const saved = second.history.shutdown();
      second.engine.dispose();
      await saved;
      await second.store.close();
      const third = session(dir2, clock, true);
      const reopened = await third.history.open();
      // The first interrupted task was resumed, so it is not offered again; its resumed copy was
      // running at the second shutdown, so that one is the newly interrupted task.
      assert.deepEqual(third.history.pendingInterrupted(), [resumed[0]!.id]);
      assert.deepEqual(reopened.interruptedLastSession, [resumed[0]!.id]);
      assert.equal(third.engine.get(first.ids.long)!.error?.code, 'INTERRUPTED');
      await third.history.shutdown();
      await third.store.close();
    });
  }

  it('restore() skips ids the engine has and never emits on the per-task stream for finished tasks', async () => {
    const clock = new ManualClock();
    const s = session(path.join(root, 'x'), clock, true);
    const base = { title: 't', prompt: 'p', providerId: 'p', model: 'm', priority: 'normal' as const, attempts: 1, createdAt: 1, output: 'o' };
    const result = s.engine.restore([
      { ...base, id: 'a', status: 'completed', startedAt: 2, finishedAt: 3 },
      { ...base, id: 'b', status: 'running', startedAt: 2 },
      { ...base, id: 'a', status: 'failed' },
    ]);
    assert.deepEqual(result, { requeued: [], interrupted: ['b'], finished: ['a'], atProvider: [] });
    assert.equal(s.engine.get('a')!.status, 'completed');
    assert.equal(s.engine.get('b')!.error?.code, 'INTERRUPTED');
    assert.deepEqual(s.events, []);
    assert.ok(s.engine.retry('b'), 'an interrupted task can be retried');
  });
});
