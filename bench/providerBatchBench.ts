// Benchmark: a 10,000-request provider batch through the product's own pieces — the engine, the
// task history on disk, the job manager and the OpenAI batch client — against the fake Batch API
// in a child process (its work is not counted here). Measures the synchronous launch (10,000 tasks
// made and split), building and uploading the JSONL and creating the batch, polling to the end,
// streaming and mapping the results, saving the history, the peak heap (sampled every 10 ms), and
// the longest the event loop was held up (what the extension host would feel). Prints one JSON
// line; never asserts on time.
//   node esbuild.js --tests && node --expose-gc out/bench/providerBatchBench.js [--requests N] [--reply-chars N] [--prompt-chars N]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { numberArg } from './benchArgs';
import { ProviderBatches } from '../src/core/batches/providerBatches';
import { createSystemClock } from '../src/core/domain/clock';
import type { BatchResult, ProviderBatchApi, ProviderBatchState } from '../src/core/domain/providerBatchApi';
import { TaskEngine } from '../src/core/engine/taskEngine';
import { TaskHistory } from '../src/core/history/taskHistory';
import { PriceBook } from '../src/core/usage/priceBook';
import { BatchJobFile } from '../src/persistence/batchJobFile';
import { FileTaskStore } from '../src/persistence/fileTaskStore';
import { OpenAiBatchClient } from '../src/providers/openai/openAiBatchClient';
import { TaskTreeIndex } from '../src/views/tree/taskTreeIndex';
import { phraseText } from '../src/views/format/phraseText';

const requests = numberArg('--requests', 10_000);
const replyChars = numberArg('--reply-chars', 2_000);
const promptChars = numberArg('--prompt-chars', 400);
/** --no-history: without the task history on disk, to see what ingesting alone holds in memory. */
const withHistory = !process.argv.includes('--no-history');

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (value: number): number => Math.round(value);

async function startFakes(): Promise<{ url: string; key: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'test', 'fakes', 'batchFakeServerMain.js'), '--reply-chars', String(replyChars), '--in-progress-ms', '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the fake exited with ${code}`)));
  });
  const info = JSON.parse(line) as { openai: string; openaiKey: string };
  return { url: info.openai, key: info.openaiKey, stop: () => void child.kill('SIGTERM') };
}

/** The client, with the moments its results stream starts and ends. */
function timed(api: ProviderBatchApi, marks: { resultsStart?: number; resultsEnd?: number; polls: number; bodyBytes: number }): ProviderBatchApi {
  return {
    providerId: api.providerId,
    label: api.label,
    limits: api.limits,
    encode: (r) => api.encode(r),
    submit: (s, signal) => {
      marks.bodyBytes = s.entries.reduce((n, e) => n + Buffer.byteLength(e) + 1, 0);
      return api.submit(s, signal);
    },
    retrieve: (id, signal) => {
      marks.polls += 1;
      return api.retrieve(id, signal);
    },
    cancel: (id, signal) => api.cancel(id, signal),
    findSubmitted: (tag, since, count, signal) => api.findSubmitted(tag, since, count, signal),
    async *results(state: ProviderBatchState, signal: AbortSignal): AsyncIterable<BatchResult> {
      marks.resultsStart = performance.now();
      yield* api.results(state, signal);
      marks.resultsEnd = performance.now();
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now();
}

async function main(): Promise<void> {
  const fakes = await startFakes();
  const dir = mkdtempSync(path.join(tmpdir(), 'atq-bench-batch-'));
  try {
    const clock = createSystemClock();
    const book = new PriceBook();
    const openai = { id: 'openai', label: 'OpenAI', local: false, streamChat: async function* (): AsyncGenerator<never> {}, listModels: async (): Promise<never[]> => [] };
    const engine = new TaskEngine({ clock, newId: () => `t-${Math.random().toString(36).slice(2)}`, providers: () => openai, priceBook: () => book, concurrency: 8, defaultTimeoutMs: 60_000 });
    const store = new FileTaskStore({ directory: path.join(dir, 'history') });
    const history = new TaskHistory({ engine, store: withHistory ? store : undefined, clock, retention: () => ({ maxAgeDays: 30, maxTasks: 100_000 }) });
    await history.open();
    // The tree keeps its index up to date the way TaskTreeProvider does: on every event and task change.
    const index = new TaskTreeIndex(engine);
    engine.events.on((event) => index.update(event.taskId));
    engine.onTaskChange((taskId) => index.update(taskId));
    const marks: { resultsStart?: number; resultsEnd?: number; polls: number; bodyBytes: number } = { polls: 0, bodyBytes: 0 };
    const api = timed(new OpenAiBatchClient({ baseUrl: fakes.url, getApiKey: async () => fakes.key }), marks);
    const batches = new ProviderBatches({ tasks: engine, clock, newId: () => 'bench-job', api: () => api, store: new BatchJobFile(dir), pollPolicy: () => ({ minMs: 100, maxMs: 400, factor: 1.5 }), flushTasks: () => history.flush(), words: phraseText });
    await batches.open();
    const filler = 'Review this function for off-by-one errors and missing checks. '.repeat(Math.ceil(promptChars / 64));
    const runs = Array.from({ length: requests }, (_, i) => ({ title: `file ${i}`, prompt: `${filler.slice(0, promptChars)} #${i}`, model: 'gpt-4o-mini' }));

    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let peakHeap = heapBefore;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const stalls: { at: number; ms: number }[] = [];
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - lastTick > 100) stalls.push({ at: Math.round(lastTick - t0), ms: Math.round(now - lastTick) });
      lastTick = now;
    }, 5);

    const { job, taskIds } = await batches.launch({ providerId: 'openai', title: 'bench', runs, batchId: 'bench' });
    const launchMs = performance.now() - t0;
    const submitted = await until(() => batches.get(job.id)!.parts.every((p) => p.state !== 'pending' && p.state !== 'submitting'));
    const ended = await until(() => marks.resultsStart !== undefined);
    const settled = await until(() => taskIds.every((id) => engine.get(id)!.status === 'completed'));
    const pageStart = performance.now();
    const firstPage = index.page('completed', 200).length;
    const treePageMs = performance.now() - pageStart;
    const saveStart = performance.now();
    await history.flush();
    const saveMs = performance.now() - saveStart;
    loop.disable();
    clearInterval(sampler);
    clearInterval(ticker);
    if (process.env.BENCH_STALLS) console.error(JSON.stringify({ stalls, phases: { submitted: Math.round(submitted - t0), ended: Math.round(ended - t0), settled: Math.round(settled - t0) } }));

    (globalThis as { gc?: () => void }).gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const outputs = taskIds.reduce((n, id) => n + engine.get(id)!.output.length, 0);
    const cost = taskIds.reduce((n, id) => n + (engine.get(id)!.costUsd ?? 0), 0);
    // The results file's size, counted afterwards as a stream (not part of the measurement).
    const fileId = batches.get(job.id)!.parts[0]!.status!.resultsRef.output!;
    const response = await fetch(`${fakes.url}/files/${fileId}/content`, { headers: { authorization: `Bearer ${fakes.key}` } });
    let resultsBytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) resultsBytes += chunk.length;

    console.log(
      JSON.stringify({
        requests,
        history: withHistory,
        providerBatches: job.parts.length,
        launchMs: ms(launchMs),
        buildAndSubmitMs: ms(submitted - t0),
        uploadMB: mb(marks.bodyBytes),
        pollMs: ms(ended - submitted),
        polls: marks.polls,
        ingestMs: ms(settled - ended),
        resultsPerSecond: Math.round(requests / ((settled - ended) / 1000)),
        resultsFileMB: mb(resultsBytes),
        historySaveMs: ms(saveMs),
        treeFirstPageMs: Math.round(treePageMs * 100) / 100,
        treeRows: firstPage,
        heapBeforeMB: mb(heapBefore),
        peakHeapMB: mb(peakHeap),
        heapAfterMB: mb(heapAfter),
        outputsKeptMB: mb(outputs),
        eventLoopMaxDelayMs: ms(loop.max / 1e6),
        eventLoopP99DelayMs: ms(loop.percentile(99) / 1e6),
        costUsdAtBatchPrices: Math.round(cost * 1e4) / 1e4,
      }),
    );
    await batches.dispose();
    await history.shutdown();
    await store.close();
  } finally {
    fakes.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
