// Provider batch jobs end to end over the real engine, with an in-memory batch API and a hand-driven
// clock: splitting, submitting, polling on schedule, mapping results (out of order, partial
// failures, expiry), cancel, retry, and picking everything up again after a restart or a crash.
import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import { parseBatchJob, type BatchJob } from '../../../src/core/batches/batchJob';
import type { BatchJobStore } from '../../../src/core/batches/batchPorts';
import { ProviderBatches, type BatchLaunchRun } from '../../../src/core/batches/providerBatches';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { Task } from '../../../src/core/domain/taskModel';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { ManualClock } from '../helpers/manualClock';
import { MemoryBatchApi } from '../helpers/memoryBatchApi';
import { ScriptedProvider, textParts, USAGE_10_5 } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { phraseText } from '../../../src/views/format/phraseText';
import { phrase, verbatim, type Phrase } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

const POLICY = { minMs: 1_000, maxMs: 8_000, factor: 2 };

class MemoryJobStore implements BatchJobStore {
  saved: unknown[] = [];
  saves = 0;
  async load(): Promise<{ jobs: BatchJob[]; warnings: Phrase[] }> {
    return { jobs: this.saved.map((j) => parseBatchJob(j)!).filter(Boolean), warnings: [] };
  }
  async save(jobs: readonly BatchJob[]): Promise<void> {
    this.saves += 1;
    this.saved = JSON.parse(JSON.stringify(jobs)) as unknown[];
  }
}

function world(options: { clock?: ManualClock; store?: MemoryJobStore; api?: MemoryBatchApi; restore?: readonly Task[] } = {}) {
  const clock = options.clock ?? new ManualClock();
  const api = options.api ?? new MemoryBatchApi('openai', () => clock.now());
  const local = new ScriptedProvider('openai', () => (async function* () { yield* [...textParts('local answer'), USAGE_10_5]; })());
  let n = 0;
  const refused: string[] = [];
  const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `t${++n}-${Math.random().toString(36).slice(2, 6)}`, providers: (id) => (id === 'openai' ? local : undefined), priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000, onDiagnostic: (m) => refused.push(m) });
  if (options.restore) engine.restore(options.restore);
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  const store = options.store ?? new MemoryJobStore();
  let jobN = 0;
  const batches = new ProviderBatches({ tasks: engine, clock, newId: () => `job${++jobN}`, api: (id) => (id === 'openai' ? api : undefined), store, pollPolicy: () => POLICY, saveDebounceMs: 10, words: phraseText, callTimeouts: { check: 40, submit: 40, results: 40 } });
  /** Advances the clock and lets every step that became due run to its end. */
  const step = async (ms = 0): Promise<void> => {
    clock.advance(ms);
    for (let i = 0; i < 20; i++) {
      await batches.idle();
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(0);
    }
    await batches.idle();
  };
  return { clock, api, engine, events, refused, store, batches, step, local };
}

const runs = (count: number): BatchLaunchRun[] => Array.from({ length: count }, (_, i) => ({ title: `file ${i}`, prompt: `prompt ${i}`, model: 'gpt-4o-mini' }));
const tasksOf = (w: ReturnType<typeof world>, ids: readonly string[]): Task[] => ids.map((id) => w.engine.get(id)!);

describe('ProviderBatches: jobs on a provider batch API', () => {
  it('splits a job over the provider limits into several batches that show as one, and submits each with its own requests', async () => {
    const w = world();
    const { job, taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(7), batchId: 'b1' });
    assert.equal(job.parts.length, 3, 'limit of 3 requests per batch');
    assert.deepEqual(tasksOf(w, taskIds).map((t) => t.external?.part), [0, 0, 0, 1, 1, 1, 2]);
    assert.ok(tasksOf(w, taskIds).every((t) => t.status === 'waiting' && t.batchId === 'b1'));
    await w.step();
    assert.equal(w.api.count('submit'), 3);
    assert.deepEqual([...w.api.batches.values()].map((b) => b.requests.map((r) => r.prompt)), [['prompt 0', 'prompt 1', 'prompt 2'], ['prompt 3', 'prompt 4', 'prompt 5'], ['prompt 6']]);
    assert.match(words(w.engine.get(taskIds[4]!)!.statusDetail), /^at Memory: validating, 0 \/ 3 done \(provider batch 2 of 3\)$/);
    assert.equal(w.batches.get(job.id)!.parts.every((p) => p.state === 'submitted'), true);
    assert.deepEqual(w.refused, []);
  });

  it('polls no sooner than the policy allows, backs off while nothing changes, and comes back to the start when something does', async () => {
    const w = world();
    await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(2) });
    await w.step();
    const polls = (): number => w.api.count('retrieve');
    await w.step(999);
    assert.equal(polls(), 0, 'polled before the shortest interval');
    await w.step(1);
    assert.equal(polls(), 1);
    await w.step(1_999);
    assert.equal(polls(), 1, 'a check that saw no change did not lengthen the wait');
    await w.step(1);
    assert.equal(polls(), 2);
    await w.step(4_000);
    assert.equal(polls(), 3);
    w.api.move('mb_1', 'in_progress', 1);
    await w.step(8_000);
    assert.equal(polls(), 4);
    await w.step(1_000);
    assert.equal(polls(), 5, 'after a change the next check is at the shortest interval again');
  });

  it('maps results by custom_id whatever their order: succeeded at batch prices, errored with its class, expired and missing ones by how the batch ended', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(3) });
    await w.step();
    const usage = { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false };
    w.api.end('mb_1', 'expired', [
      { customId: 'r2', kind: 'errored', error: new ProviderError(verbatim('context_length_exceeded: too long'), { kind: 'http', providerId: 'openai', status: 400, vendorCode: 'context_length_exceeded' }) },
      { customId: 'r0', kind: 'succeeded', text: 'first answer', usage },
    ]);
    await w.step(1_000);
    const [a, b, c] = tasksOf(w, taskIds);
    assert.equal(a!.status, 'completed');
    assert.equal(a!.output, 'first answer');
    assert.ok(Math.abs(a!.costUsd! - (1000 * 0.075 + 500 * 0.3) / 1e6) < 1e-15, 'not priced at half the gpt-4o-mini price');
    assert.equal(b!.status, 'failed');
    assert.equal(b!.error?.code, 'EXPIRED', 'a request without a line in an expired batch expired');
    assert.equal(c!.error?.code, 'CONTEXT_TOO_LONG');
    assert.match(words(c!.error?.reason), /^In the Memory batch: /);
    assert.equal(w.batches.get('job1')!.parts[0]!.state, 'ingested');
    assert.ok(w.batches.get('job1')!.endedAt !== undefined);
    for (const id of taskIds) assert.deepEqual(w.events.filter((e) => e.taskId === id).map((e) => e.type).slice(0, 1), ['queued']);
    assert.deepEqual(w.events.filter((e) => e.taskId === a!.id).map((e) => e.type), ['queued', 'started', 'progress', 'usage', 'completed']);
    assert.deepEqual(w.refused, []);
  });

  it('cancel asks the provider to cancel submitted batches, never submits pending ones, and keeps the results of requests already done', async () => {
    const w = world();
    w.api.failNext('submit', new ProviderError(verbatim('HTTP 503 from Memory'), { kind: 'http', providerId: 'openai', status: 503 }));
    const { job, taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(5) });
    await w.step();
    // Part 1 refused with a 503 waits to be submitted again; part 2 was submitted.
    assert.equal(w.api.count('submit'), 2);
    assert.equal(w.batches.cancel(job.id), true);
    await w.step();
    assert.equal(w.api.count('cancel'), 1);
    assert.equal(w.api.count('submit'), 2, 'a pending part was submitted after the cancel');
    assert.deepEqual(tasksOf(w, taskIds).slice(0, 3).map((t) => t.status), ['cancelled', 'cancelled', 'cancelled']);
    assert.match(words(w.engine.get(taskIds[3]!)!.statusDetail), /cancelling/);
    w.api.end('mb_1', 'cancelled', [{ customId: 'r3', kind: 'succeeded', text: 'done before the cancel', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } }, { customId: 'r4', kind: 'cancelled' }]);
    await w.step(1_000);
    assert.deepEqual(tasksOf(w, taskIds).slice(3).map((t) => t.status), ['completed', 'cancelled']);
    assert.equal(w.engine.get(taskIds[3]!)!.output, 'done before the cancel');
    assert.equal(w.batches.cancel(job.id), false, 'an ended job cannot be cancelled');
    assert.deepEqual(w.refused, []);
  });

  it('cancelling every task of a submitted batch here cancels that batch at the provider', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(4) });
    await w.step();
    for (const id of taskIds.slice(0, 2)) w.engine.cancel(id);
    await w.step();
    assert.equal(w.api.count('cancel'), 0, 'a batch with a wanted request left was cancelled');
    w.engine.cancel(taskIds[2]!);
    await w.step();
    assert.deepEqual(w.api.calls.filter((c) => c.call === 'cancel').map((c) => c.id), ['mb_1']);
  });

  it('after a restart polling resumes where it was (not sooner) and results land in the right tasks', async () => {
    const first = world();
    const { taskIds } = await first.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(4) });
    await first.step();
    await first.step(1_000);
    assert.equal(first.api.count('retrieve'), 2);
    await first.batches.dispose();
    const stored = first.engine.list();
    // The next session: the same clock and provider, a new engine restored from the history.
    first.clock.advance(500);
    const second = world({ clock: first.clock, store: first.store, api: first.api, restore: stored });
    assert.deepEqual(await second.batches.open(), []);
    assert.ok(tasksOf(second, taskIds).every((t) => t.status === 'waiting'));
    assert.match(words(second.engine.get(taskIds[0]!)!.statusDetail), /^at Memory: validating/);
    await second.step();
    assert.equal(first.api.count('retrieve'), 2, 'polled at once after the restart, sooner than the policy allows');
    first.api.succeedAll('mb_1');
    first.api.succeedAll('mb_2');
    await second.step(2_000);
    assert.deepEqual(tasksOf(second, taskIds).map((t) => t.output), ['answer to prompt 0', 'answer to prompt 1', 'answer to prompt 2', 'answer to prompt 3']);
    assert.equal(first.api.count('submit'), 2, 'submitted again after the restart');
    assert.deepEqual(second.refused, []);
  });

  it('a restart in the middle of a submission adopts the batch the provider created instead of paying twice', async () => {
    const first = world();
    const { taskIds } = await first.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(2) });
    // The create call reached the provider but its answer was lost (the window closed).
    first.api.failNext('submit', new ProviderError(verbatim('lost'), { kind: 'network', providerId: 'openai' }));
    await first.step();
    assert.equal(first.batches.get('job1')!.parts[0]!.state, 'submitting');
    await first.api.submit({ tag: 'job1:0', entries: first.engine.list().map((t) => first.api.encode({ customId: t.external!.customId, model: t.model, prompt: t.prompt })) });
    await first.batches.dispose();
    const second = world({ clock: first.clock, store: first.store, api: first.api, restore: first.engine.list() });
    await second.batches.open();
    await second.step();
    assert.equal(first.api.count('findSubmitted'), 1);
    assert.equal(first.api.count('submit'), 2, 'the part was submitted again');
    assert.equal(second.batches.get('job1')!.parts[0]!.providerBatchId, 'mb_1');
    first.api.succeedAll('mb_1');
    await second.step(1_000);
    assert.deepEqual(tasksOf(second, taskIds).map((t) => t.status), ['completed', 'completed']);
  });

  it('a submission refused for good fails its tasks with the class; a retryable one is tried again later', async () => {
    const w = world();
    w.api.failNext('submit', new ProviderError(verbatim('HTTP 401 from Memory: bad key'), { kind: 'http', providerId: 'openai', status: 401 }));
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(4) });
    w.api.failNext('submit');
    await w.step();
    assert.deepEqual(tasksOf(w, taskIds).slice(0, 3).map((t) => t.error?.code), ['AUTH', 'AUTH', 'AUTH']);
    assert.match(words(w.engine.get(taskIds[0]!)!.error?.reason), /^The provider batch could not be submitted: HTTP 401/);
    assert.equal(w.engine.get(taskIds[3]!)!.status, 'waiting');
    assert.match(words(w.engine.get(taskIds[3]!)!.statusDetail), /could not submit: /);
    await w.step(999);
    assert.equal(w.api.count('submit'), 2);
    await w.step(1);
    assert.equal(w.api.count('findSubmitted'), 1, 'a lost connection may have created the batch: it is looked for first');
    assert.equal(w.api.count('submit'), 3);
    assert.equal(w.batches.get('job1')!.parts[1]!.state, 'submitted');
  });

  it('a batch the provider no longer knows (404 three checks in a row) fails its tasks, retryable', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(1) });
    await w.step();
    w.api.batches.delete('mb_1');
    await w.step(1_000);
    await w.step(2_000);
    assert.equal(w.engine.get(taskIds[0]!)!.status, 'waiting');
    await w.step(4_000);
    const task = w.engine.get(taskIds[0]!)!;
    assert.equal(task.error?.code, 'NOT_FOUND');
    assert.equal(task.error?.retryable, true);
    assert.equal(w.batches.get('job1')!.parts[0]!.state, 'lost');
  });

  it('retries the failed and expired requests as a new provider batch, or through the local queue', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(3), batchId: 'b1' });
    await w.step();
    w.api.end('mb_1', 'expired', [{ customId: 'r0', kind: 'succeeded', text: 'ok', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } }]);
    await w.step(1_000);
    assert.equal(w.batches.failedTasks('job1').length, 2);
    const again = await w.batches.retryFailed('job1', 'providerBatch');
    assert.equal(again.length, 2);
    const retried = tasksOf(w, again);
    assert.deepEqual(retried.map((t) => t.retryOf), taskIds.slice(1));
    assert.ok(retried.every((t) => t.external?.jobId === 'job2' && t.batchId === 'b1'));
    assert.equal(w.batches.get('job2')!.retryOf, 'job1');
    assert.deepEqual(await w.batches.retryFailed('job1', 'local'), [], 'requests already retried were retried again');
    await w.step();
    w.api.end('mb_2', 'failed', []);
    await w.step(1_000);
    const local = await w.batches.retryFailed('job2', 'local');
    assert.equal(local.length, 2);
    await w.engine.whenIdle();
    assert.deepEqual(tasksOf(w, local).map((t) => [t.status, t.output, t.external]), [['completed', 'local answer', undefined], ['completed', 'local answer', undefined]]);
  });

  it('a request carries its task’s own output cap; Retry Failed as a provider batch keeps the file, instruction, kind and cap a local retry keeps', async () => {
    const w = world();
    const source = { kind: 'file' as const, uri: 'file:///a.ts', path: 'a.ts', languageId: 'typescript', contentHash: 'h', promptSpan: { start: 8, length: 3 } };
    const capped: BatchLaunchRun[] = [{ title: 'a.ts', prompt: 'review a', model: 'gpt-4o-mini', maxOutputTokens: 123, instruction: 'review', batchKind: 'files', source }, { title: 'b', prompt: 'review b', model: 'gpt-4o-mini' }];
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: capped, batchId: 'b1' });
    await w.step();
    assert.deepEqual(w.api.batches.get('mb_1')!.requests.map((r) => r.maxOutputTokens), [123, undefined]);
    w.api.end('mb_1', 'expired', []);
    await w.step(1_000);
    const again = tasksOf(w, await w.batches.retryFailed('job1', 'providerBatch'));
    assert.deepEqual(again.map((t) => t.retryOf), taskIds);
    assert.deepEqual(again[0] && { instruction: again[0].instruction, batchKind: again[0].batchKind, source: again[0].source, maxOutputTokens: again[0].maxOutputTokens, batchId: again[0].batchId }, { instruction: 'review', batchKind: 'files', source, maxOutputTokens: 123, batchId: 'b1' });
    await w.step();
    assert.deepEqual(w.api.batches.get('mb_2')!.requests.map((r) => r.maxOutputTokens), [123, undefined]);
  });

  it('a job record that was lost leaves no task waiting forever: such tasks fail, retryable, and say why', async () => {
    const first = world();
    const { taskIds } = await first.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(2) });
    const second = world({ clock: first.clock, restore: first.engine.list() });
    const warnings = await second.batches.open();
    assert.deepEqual(warnings, [phrase('batch.job.recordsLost', { count: 2 })]);
    assert.match(warnings.map(phraseText).join(), /^2 task\(s\) waited for a provider batch whose record was lost; they are marked failed and can be retried\.$/);
    assert.deepEqual(tasksOf(second, taskIds).map((t) => t.error && phraseText(t.error.reason)), ['The record of its provider batch was lost, so its result cannot be fetched.', 'The record of its provider batch was lost, so its result cannot be fetched.']);
    assert.deepEqual(tasksOf(second, taskIds).map((t) => [t.status, t.error?.retryable]), [['failed', true], ['failed', true]]);
  });

  it('a call that never answers counts as a lost connection after its time limit and is tried again', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(1) });
    await w.step();
    w.api.hangNext('retrieve');
    await w.step(1_000);
    assert.match(words(w.engine.get(taskIds[0]!)!.statusDetail), /last check failed: the check got no answer within/);
    w.api.succeedAll('mb_1');
    await w.step(2_000);
    assert.equal(w.engine.get(taskIds[0]!)!.status, 'completed');
  });

  it('results that cannot be fetched, again and again, fail the remaining tasks (retryable) instead of waiting forever', async () => {
    const w = world();
    const { taskIds } = await w.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(2) });
    await w.step();
    w.api.succeedAll('mb_1');
    for (let i = 0; i < 8; i++) w.api.failNext('results', new ProviderError(verbatim('HTTP 500 from Memory'), { kind: 'http', providerId: 'openai', status: 500 }));
    for (let i = 0; i < 10; i++) await w.step(8_000);
    assert.equal(w.api.count('results'), 8);
    const task = w.engine.get(taskIds[0]!)!;
    assert.equal(task.status, 'failed');
    assert.equal(task.error?.retryable, true);
    assert.match(words(task.error?.reason), /could not be fetched \(8 attempts\)/);
  });

  it('a provider that cannot say whether a submission arrived (no batch list) gets it again rather than holding the job forever', async () => {
    const first = world();
    first.api.failNext('submit', new ProviderError(verbatim('lost'), { kind: 'network', providerId: 'openai' }));
    const { taskIds } = await first.batches.launch({ providerId: 'openai', title: 'Review', runs: runs(1) });
    await first.step();
    first.api.failNext('findSubmitted', new ProviderError(verbatim('HTTP 404 from Memory: no list'), { kind: 'http', providerId: 'openai', status: 404 }));
    await first.step(1_000);
    assert.equal(first.api.count('findSubmitted'), 1);
    assert.equal(first.api.count('submit'), 2);
    first.api.succeedAll('mb_1');
    await first.step(1_000);
    assert.equal(first.engine.get(taskIds[0]!)!.status, 'completed');
  });
});
