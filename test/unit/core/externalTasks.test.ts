// Tasks that run in a provider batch: never scheduled locally, settled through the event bus in
// contract order, restored as they were, cancelled locally with a late result ignored. Every test
// also checks that the bus refused nothing: a refusal would mean the engine broke the contract.
import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { ExternalRun, Task, TaskInput } from '../../../src/core/domain/taskModel';
import type { TokenUsage } from '../../../src/core/domain/tokenUsage';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { ManualClock } from '../helpers/manualClock';
import { ScriptedProvider, textParts } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { words } from '../helpers/phraseWords';
import { phrase, verbatim } from '../../../src/core/domain/phrase';

const USAGE: TokenUsage = { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false };

function setup() {
  const clock = new ManualClock();
  let calls = 0;
  const provider = new ScriptedProvider('openai', () => {
    calls += 1;
    return (async function* () {
      yield* textParts('local');
    })();
  });
  let n = 0;
  const refused: string[] = [];
  const engine = new TaskEngine({
    providerDefaults: UNPACED,
    clock,
    newId: () => `t${++n}`,
    providers: (id) => (id === 'openai' ? provider : undefined),
    priceBook: () => new PriceBook(),
    concurrency: 4,
    defaultTimeoutMs: 60_000,
    onDiagnostic: (m) => refused.push(m),
    // One check: the answer mentions "answer".
    scoreOutput: (checks, output) => ({ score: output.includes('answer') ? 1 : 0, passed: output.includes('answer') ? 1 : 0, total: checks.length, failed: [] }),
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  const changes: string[] = [];
  engine.onTaskChange((id) => changes.push(id));
  return { clock, engine, events, refused, changes, providerCalls: () => calls };
}

const external = (customId: string, part = 0): ExternalRun => ({ kind: 'providerBatch', jobId: 'job-1', part, customId });
const input = (customId: string, extra: Partial<TaskInput> = {}): TaskInput => ({ title: customId, prompt: `prompt ${customId}`, providerId: 'openai', model: 'gpt-4o-mini', batchId: 'b1', external: external(customId), ...extra });
const types = (events: readonly TaskEvent[], taskId: string): string[] => events.filter((e) => e.taskId === taskId).map((e) => e.type);

describe('TaskEngine: tasks that run in a provider batch', () => {
  it('submit announces the task as queued, keeps it waiting at the provider, and never schedules it', async () => {
    const { engine, events, refused, providerCalls } = setup();
    const task = engine.submit(input('r0'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(task.status, 'waiting');
    assert.match(words(task.statusDetail), /waiting at Scripted \(provider batch\)/);
    assert.deepEqual(types(events, task.id), ['queued']);
    assert.equal(providerCalls(), 0, 'a provider-batch task reached the local queue');
    assert.equal(engine.inFlight, 0);
    assert.deepEqual(engine.counts(), { queued: 0, waiting: 1, running: 0, completed: 0, failed: 0, cancelled: 0 });
    assert.equal(engine.setPriority(task.id, 'urgent'), false, 'a task at the provider has no place in the local queue to move');
    assert.deepEqual(refused, []);
  });

  it('a result is scored against the task’s checks, as a local run’s would be', () => {
    const { engine, refused } = setup();
    const checked = engine.submit(input('r0', { checks: [{ kind: 'contains', text: 'answer' }] }));
    const unchecked = engine.submit(input('r1'));
    engine.settleExternal(checked.id, { kind: 'completed', output: 'the answer', usage: USAGE });
    engine.settleExternal(unchecked.id, { kind: 'completed', output: 'the answer', usage: USAGE });
    assert.deepEqual(engine.get(checked.id)!.quality, { score: 1, passed: 1, total: 1, failed: [] });
    assert.equal(engine.get(unchecked.id)!.quality, undefined);
    assert.deepEqual(refused, []);
  });

  it('settles a result in contract order: started → progress → usage → completed, priced at batch prices', async () => {
    const { engine, events, refused, clock } = setup();
    const task = engine.submit(input('r0'));
    const submittedAt = clock.now();
    clock.advance(60_000);
    assert.equal(engine.settleExternal(task.id, { kind: 'completed', output: 'the answer', usage: USAGE, startedAt: submittedAt + 1000 }), true);
    const done = engine.get(task.id)!;
    assert.deepEqual(types(events, task.id), ['queued', 'started', 'progress', 'usage', 'completed']);
    assert.equal(done.status, 'completed');
    assert.equal(done.output, 'the answer');
    assert.equal(done.attempts, 1);
    assert.equal(done.startedAt, submittedAt + 1000);
    assert.equal(done.finishedAt, clock.now());
    assert.equal(done.statusDetail, undefined);
    // gpt-4o-mini at half price: 1000 × 0.075 + 500 × 0.30 per 1M tokens.
    assert.ok(Math.abs(done.costUsd! - (1000 * 0.075 + 500 * 0.3) / 1e6) < 1e-15, String(done.costUsd));
    assert.deepEqual(engine.counts(), { queued: 0, waiting: 0, running: 0, completed: 1, failed: 0, cancelled: 0 });
    await engine.whenIdle();
    assert.deepEqual(refused, []);
  });

  it('settles an errored or expired request as failed, straight from waiting, with its class', async () => {
    const { engine, events, refused } = setup();
    const errored = engine.submit(input('r0'));
    const expired = engine.submit(input('r1'));
    engine.settleExternal(errored.id, { kind: 'failed', attempts: 1, failure: failure('BAD_REQUEST', verbatim('max_tokens is too large')) });
    engine.settleExternal(expired.id, { kind: 'failed', attempts: 0, failure: failure('EXPIRED', verbatim('not run within 24 h')) });
    assert.deepEqual(types(events, errored.id), ['queued', 'failed']);
    assert.equal(engine.get(errored.id)!.error?.code, 'BAD_REQUEST');
    assert.equal(engine.get(expired.id)!.error?.code, 'EXPIRED');
    assert.equal(engine.get(expired.id)!.error?.retryable, true);
    assert.equal(engine.get(expired.id)!.attempts, 0);
    assert.deepEqual(engine.counts().failed, 2);
    assert.deepEqual(refused, []);
  });

  it('cancel ends it locally; a late result for it is ignored and changes nothing', () => {
    const { engine, events, refused } = setup();
    const task = engine.submit(input('r0'));
    assert.equal(engine.cancel(task.id, phrase('failure.cancelled.byUser', {})), true);
    assert.equal(engine.get(task.id)!.status, 'cancelled');
    assert.equal(engine.settleExternal(task.id, { kind: 'completed', output: 'late', usage: USAGE }), false);
    assert.equal(engine.get(task.id)!.output, '');
    assert.equal(engine.get(task.id)!.usage, undefined);
    assert.deepEqual(types(events, task.id), ['queued', 'cancelled']);
    assert.deepEqual(refused, [], 'the late result reached the bus');
  });

  it('a status line changes without an event and is announced as a task change', () => {
    const { engine, events, changes } = setup();
    const task = engine.submit(input('r0'));
    engine.setExternalDetail([task.id], verbatim('at OpenAI: in progress, 3 / 10 done'));
    engine.setExternalDetail([task.id], verbatim('at OpenAI: in progress, 3 / 10 done'));
    assert.equal(words(engine.get(task.id)!.statusDetail), 'at OpenAI: in progress, 3 / 10 done');
    assert.deepEqual(changes, [task.id], 'an unchanged line was announced again');
    assert.deepEqual(types(events, task.id), ['queued']);
  });

  it('settleExternal refuses a task that is not external, and Retry of one that failed runs locally', async () => {
    const { engine, refused, providerCalls } = setup();
    const local = engine.submit({ title: 'x', prompt: 'x', providerId: 'openai', model: 'gpt-4o-mini' });
    assert.equal(engine.settleExternal(local.id, { kind: 'completed', output: 'no', usage: USAGE }), false);
    const task = engine.submit(input('r0'));
    engine.settleExternal(task.id, { kind: 'failed', attempts: 0, failure: failure('EXPIRED', verbatim('expired')) });
    const again = engine.retry(task.id)!;
    assert.equal(again.external, undefined);
    assert.equal(again.batchId, 'b1');
    await engine.whenIdle();
    assert.equal(engine.get(again.id)!.status, 'completed');
    assert.equal(providerCalls(), 2);
    assert.deepEqual(refused, []);
  });

  it('restore brings a waiting task back waiting at its provider (never re-queued, never interrupted) and it can still be settled', async () => {
    const { engine, events, refused, providerCalls } = setup();
    const stored: Task = { id: 'old', title: 'old', prompt: 'p', providerId: 'openai', model: 'gpt-4o-mini', priority: 'normal', status: 'waiting', attempts: 0, createdAt: 1, output: '', external: external('r7', 1), statusDetail: verbatim('stale line') };
    // Even a record saved as running (it never is, but a damaged file could say so) is not interrupted.
    const odd: Task = { ...stored, id: 'odd', status: 'running', external: external('r8', 1) };
    const result = engine.restore([stored, odd]);
    assert.deepEqual(result.atProvider, ['old', 'odd']);
    assert.deepEqual(result.requeued, []);
    assert.deepEqual(result.interrupted, []);
    assert.equal(engine.get('old')!.status, 'waiting');
    assert.equal(engine.get('odd')!.status, 'waiting');
    assert.deepEqual(engine.get('old')!.external, external('r7', 1));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(providerCalls(), 0);
    assert.deepEqual(types(events, 'old'), ['queued']);
    assert.equal(engine.settleExternal('old', { kind: 'completed', output: 'after restart', usage: USAGE }), true);
    assert.equal(engine.cancel('odd'), true);
    await engine.whenIdle();
    assert.deepEqual(types(events, 'old'), ['queued', 'started', 'progress', 'usage', 'completed']);
    assert.deepEqual(refused, []);
  });

  it('cancelAll reaches tasks at the provider too', () => {
    const { engine } = setup();
    engine.submit(input('r0'));
    engine.submit(input('r1'));
    assert.equal(engine.cancelAll(), 2);
    assert.equal(engine.counts().cancelled, 2);
  });

  it('the history stores which job, provider batch and custom_id a task belongs to, and reads it back', () => {
    const { engine } = setup();
    const task = engine.submit(input('r3', { external: external('r3', 2) }));
    const stored = parseStoredTask(JSON.parse(JSON.stringify(toStoredTask(task, { savedAt: 5 }))));
    assert.ok(stored, 'the record did not validate');
    assert.deepEqual(fromStoredTask(stored).external, external('r3', 2));
    assert.equal(parseStoredTask({ ...stored, external: { kind: 'providerBatch', jobId: '', part: 0, customId: 'x' } }), undefined, 'a record without a job id was accepted');
  });
});
