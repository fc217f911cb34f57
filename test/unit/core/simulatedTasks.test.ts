// Whether a task ran on the offline simulator is stored with the task: after a restart without the
// simulator (the next `npm start` found a real server), its output is still marked as made up.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ChatProvider } from '../../../src/core/domain/chatProvider';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { fromStoredTask, parseStoredTask } from '../../../src/core/history/storedTask';
import { TaskHistory } from '../../../src/core/history/taskHistory';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { FileTaskStore } from '../../../src/persistence/fileTaskStore';
import { toTaskView } from '../../../src/views/panel/taskViewMapper';
import { ManualClock } from '../helpers/manualClock';
import { ScriptedProvider, USAGE_10_5 } from '../helpers/scriptedProvider';

const VIEW = { providerLabel: (id: string): string => id, redact: (t: string): string => t, safeLength: (t: string): number => t.length };

function simulator(): ChatProvider {
  const inner = new ScriptedProvider('simulator', async function* () {
    yield { type: 'text', text: '[offline simulator] made up' };
    yield USAGE_10_5;
  }, true);
  return { id: inner.id, label: inner.label, local: true, simulated: true, streamChat: (r, s) => inner.streamChat(r, s), listModels: () => inner.listModels() };
}

function session(dir: string, clock: ManualClock, providers: Record<string, ChatProvider>) {
  let n = 0;
  const engine = new TaskEngine({ clock, newId: () => `${path.basename(dir)}-${++n}`, providers: (id) => providers[id], priceBook: () => new PriceBook(), concurrency: 2, defaultTimeoutMs: 60_000 });
  const store = new FileTaskStore({ directory: dir, now: () => clock.now() });
  const history = new TaskHistory({ engine, store, clock, retention: () => ({ maxAgeDays: 30, maxTasks: 1000 }) });
  return { engine, store, history };
}

describe('simulated tasks', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'atq-simulated-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keep their mark after a restart without the simulator; tasks on a real provider are never marked', async () => {
    const clock = new ManualClock();
    const dir = path.join(root, 'history');
    const real = new ScriptedProvider('openai', async function* () {
      yield { type: 'text', text: 'a real answer' };
      yield USAGE_10_5;
    });
    const first = session(dir, clock, { simulator: simulator(), openai: real });
    await first.history.open();
    const fake = first.engine.submit({ title: 'sim', prompt: 'sim', providerId: 'simulator', model: 'simulator-echo' });
    const genuine = first.engine.submit({ title: 'real', prompt: 'real', providerId: 'openai', model: 'gpt-4o' });
    await first.engine.whenIdle();
    assert.equal(first.engine.get(fake.id)!.simulated, true);
    assert.equal(first.engine.get(genuine.id)!.simulated, undefined);
    const saved = first.history.shutdown();
    first.engine.dispose();
    await saved;
    await first.store.close();

    // The next start has no simulator at all: nothing but the stored task can say what it was.
    const second = session(dir, clock, { openai: real });
    await second.history.open();
    const restored = second.engine.get(fake.id)!;
    assert.equal(restored.status, 'completed');
    assert.equal(toTaskView(restored, VIEW).simulated, true, 'the restored simulated task lost its banner');
    assert.equal(toTaskView(second.engine.get(genuine.id)!, VIEW).simulated, false);
    // A retry of it goes to whatever provider it names now, and is marked by that provider.
    const retried = second.engine.retry(fake.id, { providerId: 'openai', model: 'gpt-4o' });
    assert.equal(retried?.simulated, undefined);
    second.engine.dispose();
    await second.store.close();
  });

  it('a record stored before the flag existed is marked when it names the simulator', () => {
    const record = { id: 'old', title: 't', prompt: 'p', providerId: 'simulator', model: 'simulator-echo', priority: 'normal', status: 'completed', attempts: 1, createdAt: 1, output: 'o', savedAt: 2 };
    assert.equal(fromStoredTask(parseStoredTask(record)!).simulated, true);
    assert.equal(fromStoredTask(parseStoredTask({ ...record, providerId: 'openai' })!).simulated, undefined);
  });
});
