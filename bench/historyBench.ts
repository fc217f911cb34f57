// Benchmark: a 10,000-task history written through the FileTaskStore, then loaded the way
// activation loads it (store → recovery → engine.restore → tree index), filtered by text, and
// summarized by the statistics. Prints one JSON line; never asserts on time.
//   node esbuild.js --tests && node --expose-gc out/bench/historyBench.js [--tasks N]
import { numberArg } from './benchArgs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSystemClock } from '../src/core/domain/clock';
import { PriceBook } from '../src/core/usage/priceBook';
import type { StoredTask } from '../src/core/history/storedTask';
import { taskMatcher } from '../src/core/reports/taskFilter';
import { TaskEngine } from '../src/core/engine/taskEngine';
import { recoverStoredTasks } from '../src/core/history/recoverStoredTasks';
import { computeStatistics } from '../src/core/reports/taskStatistics';
import { FileTaskStore, SNAPSHOT_FILE } from '../src/persistence/fileTaskStore';
import { TASK_STATUSES } from '../src/shared/taskVocabulary';
import { TaskTreeIndex } from '../src/views/tree/taskTreeIndex';
import { verbatim } from '../src/core/domain/phrase';

const count = numberArg('--tasks', 10_000);
const WORDS = ['alpha', 'queue', 'token', 'latency', 'model', 'stream', 'retry', 'budget', 'vector', 'cache'];

function syntheticTask(i: number): StoredTask {
  const start = Date.UTC(2025, 0, 1) + i * 60_000;
  const words = Array.from({ length: 40 + (i % 400) }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ');
  const failed = i % 17 === 0;
  return {
    id: `task-${i}`,
    title: `Task ${i}: ${WORDS[i % WORDS.length]}`,
    prompt: `Explain ${WORDS[(i * 3) % WORDS.length]} number ${i}`,
    providerId: ['openai', 'anthropic', 'ollama'][i % 3]!,
    model: ['gpt-4o-mini', 'claude-sonnet-4-5', 'llama3.2'][i % 3]!,
    priority: 'normal',
    status: failed ? 'failed' : 'completed',
    attempts: 1 + (i % 5 === 0 ? 1 : 0),
    createdAt: start,
    startedAt: start + 10,
    firstTokenAt: start + 300 + (i % 50),
    finishedAt: start + 2_000 + (i % 3_000),
    output: words,
    usage: { inputTokens: 20 + (i % 100), outputTokens: Math.round(words.length / 4), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    costUsd: i % 3 === 2 ? 0 : 0.0001 * (i % 10),
    ...(failed && { error: { code: 'RATE_LIMITED' as const, reason: verbatim('Too many requests'), retryable: true } }),
    savedAt: start + 2_500,
  };
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'atq-bench-history-')), 'history');
  try {
    const writer = new FileTaskStore({ directory: dir });
    await writer.load();
    const writeStart = performance.now();
    for (let i = 0; i < count; i += 500) {
      await writer.save({ put: Array.from({ length: Math.min(500, count - i) }, (_, k) => syntheticTask(i + k)), remove: [] });
    }
    await writer.close();
    const writeMs = performance.now() - writeStart;
    const heapBefore = heapMB();

    const t0 = performance.now();
    const store = new FileTaskStore({ directory: dir });
    const loaded = await store.load();
    const loadMs = performance.now() - t0;

    const t1 = performance.now();
    const engine = new TaskEngine({ clock: createSystemClock(), newId: () => 'unused', providers: () => undefined, priceBook: () => new PriceBook(), concurrency: 4, defaultTimeoutMs: 60_000 });
    engine.restore(recoverStoredTasks(loaded.tasks));
    const index = new TaskTreeIndex(engine);
    const firstPaint = TASK_STATUSES.map((s) => index.tasksIn(s).length);
    const restoreMs = performance.now() - t1;
    const heapUsedMB = heapMB();

    // A word no task contains is the worst case: every title, prompt and output is searched in full.
    const t2 = performance.now();
    index.setMatcher(taskMatcher({ terms: ['zebra'] }));
    const missed = TASK_STATUSES.reduce((n, s) => n + index.tasksIn(s).length, 0);
    const filterMs = performance.now() - t2;
    index.setMatcher(taskMatcher({ models: ['claude'], statuses: ['failed'] }));
    const matched = TASK_STATUSES.reduce((n, s) => n + index.tasksIn(s).length, 0);

    const t3 = performance.now();
    const stats = computeStatistics(engine.list());
    const statisticsMs = performance.now() - t3;

    // What deactivate waits for: the last batch (8 running tasks at the 256 KiB output cap) made durable.
    const t4 = performance.now();
    const running = Array.from({ length: 8 }, (_, k): StoredTask => ({ ...syntheticTask(count + k), status: 'running', output: 'z'.repeat(256 * 1024) }));
    await store.save({ put: running, remove: [] });
    await store.close();
    const shutdownSaveMs = performance.now() - t4;

    const round = (ms: number): number => Math.round(ms * 10) / 10;
    console.log(
      JSON.stringify({
        tasks: loaded.tasks.length,
        loadWarnings: loaded.warnings.length,
        storeMB: Math.round((statSync(path.join(dir, SNAPSHOT_FILE)).size / 1024 / 1024) * 10) / 10,
        writeMs: round(writeMs),
        loadMs: round(loadMs),
        restoreAndIndexMs: round(restoreMs),
        heapUsedMB,
        heapGrowthMB: Math.round((heapUsedMB - heapBefore) * 10) / 10,
        filterMs: round(filterMs),
        filterMatches: missed,
        selectiveFilterMatches: matched,
        statisticsMs: round(statisticsMs),
        shutdownSaveMs: round(shutdownSaveMs),
        completedShown: firstPaint[TASK_STATUSES.indexOf('completed')],
        successRate: stats.successRate,
        gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      }),
    );
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

void main();
