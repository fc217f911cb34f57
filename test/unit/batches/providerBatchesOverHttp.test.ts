// Provider batch jobs end to end in plain Node: the real engine, our HTTP clients and the fake
// batch APIs on sockets, the job records in a real file, real (fast) time. Proves the pieces fit:
// a job over the provider's limits really is accepted as several batches; results, partial
// failures and expiry land in the right tasks; a cancel keeps what was done; and a new session
// (new engine, new job manager, the same files) picks a job up in the middle and finishes it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProviderBatches } from '../../../src/core/batches/providerBatches';
import { createSystemClock } from '../../../src/core/domain/clock';
import type { ProviderBatchApi } from '../../../src/core/domain/providerBatchApi';
import type { Task } from '../../../src/core/domain/taskModel';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { BatchJobFile } from '../../../src/persistence/batchJobFile';
import { AnthropicBatchClient } from '../../../src/providers/anthropic/anthropicBatchClient';
import { OPENAI_BATCH_LIMITS, OpenAiBatchClient } from '../../../src/providers/openai/openAiBatchClient';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fakes/fakeOpenAiServer';
import { ScriptedProvider } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { phraseText } from '../../../src/views/format/phraseText';
import { words } from '../helpers/phraseWords';

const TIMINGS = { validatingMs: 20, inProgressMs: 150, finalizingMs: 20, cancellingMs: 20 };
const POLICY = { minMs: 15, maxMs: 60, factor: 1.5 };

function session(dir: string, apis: Record<string, ProviderBatchApi>, restore?: readonly Task[]) {
  const clock = createSystemClock();
  const providers = { openai: new ScriptedProvider('openai', async function* () {}), anthropic: new ScriptedProvider('anthropic', async function* () {}) };
  const refused: string[] = [];
  const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `t-${Math.random().toString(36).slice(2, 10)}`, providers: (id) => providers[id as keyof typeof providers], priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000, onDiagnostic: (m) => refused.push(m) });
  if (restore) engine.restore(restore);
  const batches = new ProviderBatches({ tasks: engine, clock, newId: () => `job-${Math.random().toString(36).slice(2, 8)}`, api: (id) => apis[id], store: new BatchJobFile(dir), pollPolicy: () => POLICY, saveDebounceMs: 5 , words: phraseText });
  return { engine, batches, refused };
}

async function until(what: string, condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const done = (engine: TaskEngine, ids: readonly string[]): boolean => ids.every((id) => ['completed', 'failed', 'cancelled'].includes(engine.get(id)!.status));

describe('ProviderBatches over HTTP, against the fake batch APIs', function () {
  this.timeout(20_000);
  let dir: string;
  let openai: FakeOpenAiServer;
  let anthropic: FakeAnthropicServer;
  let apis: Record<string, ProviderBatchApi>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atq-batches-'));
    openai = await startFakeOpenAiServer({ apiKey: 'sk-test-e2e', batches: { timings: TIMINGS, maxRequests: 100 } });
    anthropic = await startFakeAnthropicServer({ apiKey: 'sk-ant-e2e', batches: { timings: TIMINGS } });
    apis = {
      // The client is told the fake's (smaller) limit, as it knows OpenAI's: the split must respect it.
      openai: new OpenAiBatchClient({ baseUrl: openai.baseUrl, getApiKey: async () => 'sk-test-e2e', limits: { ...OPENAI_BATCH_LIMITS, maxRequests: 100 } }),
      anthropic: new AnthropicBatchClient({ baseUrl: anthropic.baseUrl, getApiKey: async () => 'sk-ant-e2e' }),
    };
  });
  afterEach(async () => {
    await Promise.all([openai.close(), anthropic.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a 250-request job on a 100-request limit runs as 3 provider batches that the provider accepts; results, errors and expiry land in the right tasks', async () => {
    const { engine, batches, refused } = session(dir, apis);
    const prompts = Array.from({ length: 250 }, (_, i) => (i === 7 ? `file ${i} [batch-error]` : i === 240 ? `file ${i} [batch-expire]` : `file ${i}`));
    const { job, taskIds } = await batches.launch({ providerId: 'openai', title: 'Review 250 files', runs: prompts.map((prompt, i) => ({ title: `f${i}`, prompt, model: 'gpt-4o-mini' })), batchId: 'b-250' });
    assert.equal(job.parts.length, 3);
    await until('every task to settle', () => done(engine, taskIds));
    assert.equal(openai.batches.batches.size, 3, 'the provider did not get three batches');
    assert.deepEqual([...openai.batches.batches.values()].map((b) => b.requests.length), [100, 100, 50]);
    const tasks = taskIds.map((id) => engine.get(id)!);
    assert.equal(tasks[0]!.output, 'Batch reply to: file 0');
    assert.equal(tasks[199]!.output, 'Batch reply to: file 199');
    assert.equal(tasks[7]!.error?.code, 'BAD_REQUEST');
    assert.deepEqual(tasks.slice(240).map((t) => t.error?.code), Array(10).fill('EXPIRED'));
    assert.equal(tasks.filter((t) => t.status === 'completed').length, 239);
    assert.ok(tasks.filter((t) => t.status === 'completed').every((t) => t.usage && t.costUsd !== undefined && t.costUsd! > 0 && t.attempts === 1));
    await until('the job to end', () => batches.get(job.id)?.endedAt !== undefined);
    assert.deepEqual(refused, []);
    await batches.dispose();
  });

  it('Anthropic: one batch with two models; a cancel keeps the results of requests done before it', async () => {
    anthropic.batches.setTimings({ inProgressMs: 600 });
    const { engine, batches } = session(dir, apis);
    const runs = Array.from({ length: 20 }, (_, i) => ({ title: `r${i}`, prompt: `question ${i}`, model: i % 2 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5' }));
    const { job, taskIds } = await batches.launch({ providerId: 'anthropic', title: 'Compare', runs });
    assert.equal(job.parts.length, 1);
    await until('the tasks to say the batch is at Anthropic', () => /^at Anthropic: in progress, 20 processing$/.test(words(engine.get(taskIds[0]!)!.statusDetail)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(batches.cancel(job.id), true);
    await until('every task to settle', () => done(engine, taskIds));
    const statuses = taskIds.map((id) => engine.get(id)!.status);
    const completed = statuses.filter((s) => s === 'completed').length;
    assert.ok(completed > 0 && completed < 20, statuses.join());
    assert.equal(statuses.filter((s) => s === 'cancelled').length, 20 - completed);
    assert.equal(engine.get(taskIds[0]!)!.output, 'Batch reply to: question 0');
    await batches.dispose();
  });

  it('a new session picks up a job in the middle from the saved files and finishes it, without submitting again', async () => {
    openai.batches.setTimings({ inProgressMs: 600 });
    const first = session(dir, apis);
    const { job, taskIds } = await first.batches.launch({ providerId: 'openai', title: 'Review', runs: Array.from({ length: 30 }, (_, i) => ({ title: `f${i}`, prompt: `file ${i}`, model: 'gpt-4o-mini' })) });
    await until('the batch to be checked once', () => (first.batches.get(job.id)?.parts[0]?.lastPolledAt ?? 0) > (first.batches.get(job.id)?.parts[0]?.submittedAt ?? Infinity));
    await first.batches.dispose();
    // The window closes: only the saved tasks and job files are left.
    const second = session(dir, apis, first.engine.list());
    assert.deepEqual(await second.batches.open(), []);
    assert.ok(taskIds.every((id) => second.engine.get(id)?.status === 'waiting'));
    await until('every task to settle', () => done(second.engine, taskIds));
    assert.ok(taskIds.every((id, i) => second.engine.get(id)!.output === `Batch reply to: file ${i}`));
    assert.equal(openai.batches.batches.size, 1, 'the job was submitted again after the restart');
    await second.batches.dispose();
  });
});
