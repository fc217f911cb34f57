// Launching a confirmed batch: "Run as Provider Batch" sends the runs of each provider with a batch
// API as one job, while runs on other providers and runs the response cache answers still run
// here; "run here" never makes a job. Task ids come back in the order of the runs.
import { strict as assert } from 'node:assert';
import { ProviderBatches } from '../../../src/core/batches/providerBatches';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { launchRuns } from '../../../src/host/batches/launchRuns';
import { ManualClock } from '../helpers/manualClock';
import { MemoryBatchApi } from '../helpers/memoryBatchApi';
import { ScriptedProvider, textParts } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { phraseText } from '../../../src/views/format/phraseText';

function setup() {
  const clock = new ManualClock();
  const local = (id: string): ScriptedProvider => new ScriptedProvider(id, () => (async function* () { yield* textParts('here'); })());
  const providers: Record<string, ScriptedProvider> = { openai: local('openai'), anthropic: local('anthropic'), ollama: local('ollama') };
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED, clock, newId: () => `t${++n}`, providers: (id) => providers[id], priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000 });
  const apis: Record<string, MemoryBatchApi> = { openai: new MemoryBatchApi('openai', () => clock.now()), anthropic: new MemoryBatchApi('anthropic', () => clock.now()) };
  let j = 0;
  const batches = new ProviderBatches({ tasks: engine, clock, newId: () => `job${++j}`, api: (id) => apis[id] , words: phraseText });
  return { engine, batches };
}

const input = (providerId: string, prompt: string): TaskInput => ({ title: prompt, prompt, providerId, model: `${providerId}-model`, priority: 'high', batchId: 'b' });

describe('launchRuns', () => {
  it('as provider batches: one job per provider with a batch API; other providers and cached requests run here', async () => {
    const { engine, batches } = setup();
    const inputs = [input('openai', 'a'), input('ollama', 'b'), input('anthropic', 'c'), input('openai', 'cached'), input('openai', 'd')];
    const ids = await launchRuns({ engine, batches, isCached: (i) => i.prompt === 'cached' }, inputs, 'providerBatch', 'Review');
    const tasks = ids.map((id) => engine.get(id)!);
    assert.deepEqual(tasks.map((t) => t.prompt), ['a', 'b', 'c', 'cached', 'd'], 'ids came back out of order');
    assert.deepEqual(tasks.map((t) => t.external?.jobId ?? 'here'), ['job1', 'here', 'job2', 'here', 'job1']);
    assert.deepEqual(batches.list().map((job) => [job.providerId, job.requests, job.title]).sort(), [['anthropic', 1, 'Review'], ['openai', 2, 'Review']]);
    assert.ok(tasks.every((t) => t.batchId === 'b' && t.priority === 'high'));
  });

  it('a workflow runs here even when the rest goes to a provider batch: its steps need each other’s outputs', async () => {
    const { engine, batches } = setup();
    const steps = [{ name: 'draft', parts: [{ text: 'draft it' }], status: 'pending' as const, output: '', attempts: 0 }, { name: 'polish', parts: [{ stepOutput: 0 }], status: 'pending' as const, output: '', attempts: 0 }];
    const ids = await launchRuns({ engine, batches, isCached: () => false }, [input('openai', 'a'), { ...input('openai', 'flow'), steps }], 'providerBatch', 'Review');
    assert.deepEqual(ids.map((id) => engine.get(id)!.external?.jobId ?? 'here'), ['job1', 'here']);
    assert.equal(batches.get('job1')!.requests, 1);
  });

  it('here: nothing goes to a provider batch', async () => {
    const { engine, batches } = setup();
    const ids = await launchRuns({ engine, batches, isCached: () => false }, [input('openai', 'a'), input('anthropic', 'b')], 'local', 'Review');
    assert.ok(ids.every((id) => engine.get(id)!.external === undefined));
    assert.equal(batches.list().length, 0);
  });
});
