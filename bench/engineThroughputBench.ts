// The engine's own overhead: 100,000 tasks through a provider that answers at once, beside bare
// p-queue with priorities doing the same amount of promise work in the same process; and the heap
// each queued task costs beyond its prompt (tasks submitted into a paused queue, measured after
// a forced GC). Prints one JSON line; never asserts on time.
//   node esbuild.js --tests && node --expose-gc out/bench/engineThroughputBench.js [--tasks N] [--queued N]
import PQueue from 'p-queue';
import { numberArg } from './benchArgs';
import { createSystemClock } from '../src/core/domain/clock';
import type { ChatProvider, StreamPart } from '../src/core/domain/chatProvider';
import { PriceBook } from '../src/core/usage/priceBook';
import { TaskEngine } from '../src/core/engine/taskEngine';
import { PRIORITIES } from '../src/core/domain/taskModel';
import { verbatim } from '../src/core/domain/phrase';

const tasks = numberArg('--tasks', 100_000);
const queued = numberArg('--queued', 10_000);
const runs = numberArg('--runs', 3);

const USAGE: StreamPart = { type: 'usage', usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } };

/** A local provider with no latency: one text part and usage, as fast as an async generator goes. */
const instant: ChatProvider = {
  id: 'instant',
  label: 'Instant',
  local: true,
  async *streamChat(): AsyncIterable<StreamPart> {
    yield { type: 'text', text: 'ok' };
    yield USAGE;
  },
  listModels: async () => [],
};

const priceBook = new PriceBook();

function newEngine(): TaskEngine {
  let n = 0;
  return new TaskEngine({
    clock: createSystemClock(),
    newId: () => `t${++n}`,
    providers: () => instant,
    priceBook: () => priceBook,
    concurrency: 64,
    defaultTimeoutMs: 600_000,
    providerLimits: { instant: { concurrency: 64 } },
  });
}

/** Distinct prompts of equal length, so the measured heap beyond them is the engine's own. */
const prompt = (i: number): string => `Summarise item ${String(i).padStart(8, '0')} in one line.`;

interface Rate {
  /** Tasks per second of wall time. */
  readonly wall: number;
  /** Tasks per second of this process's CPU time: steadier on a busy machine. */
  readonly cpu: number;
}

async function measure(work: () => Promise<void>): Promise<Rate> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: tasks / (wallMs / 1000), cpu: tasks / ((cpu.user + cpu.system) / 1e6) };
}

function engineRun(): Promise<Rate> {
  return measure(async () => {
    const engine = newEngine();
    for (let i = 0; i < tasks; i++) engine.submit({ title: `t${i}`, prompt: prompt(i), providerId: 'instant', model: 'm', priority: PRIORITIES[i % 4]! });
    await engine.whenIdle();
  });
}

/** Bare p-queue with priorities: the floor any scheduler on it pays. */
function pQueueRun(): Promise<Rate> {
  return measure(async () => {
    const queue = new PQueue({ concurrency: 64 });
    for (let i = 0; i < tasks; i++) void queue.add(async () => prompt(i), { priority: i % 4 });
    await queue.onIdle();
  });
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function queuedHeap(): Promise<{ engineBytesPerTask: number; promptBytesPerTask: number; pQueueBytesPerTask: number }> {
  const prompts = Array.from({ length: queued }, (_, i) => prompt(i));
  const base = heapUsed();
  const engine = newEngine();
  engine.pause();
  for (let i = 0; i < queued; i++) engine.submit({ title: `t${i}`, prompt: prompts[i]!, providerId: 'instant', model: 'm', priority: PRIORITIES[i % 4]! });
  const withEngine = heapUsed();
  const queue = new PQueue({ concurrency: 64, autoStart: false });
  const before = heapUsed();
  const held: Promise<unknown>[] = [];
  for (let i = 0; i < queued; i++) held.push(queue.add(async () => prompts[i], { priority: i % 4 }));
  const withQueue = heapUsed();
  engine.cancelAll(verbatim('done'));
  queue.clear();
  return {
    engineBytesPerTask: Math.round((withEngine - base) / queued),
    promptBytesPerTask: Math.round((prompts[0]!.length * 2 + 16)),
    pQueueBytesPerTask: Math.round((withQueue - before - held.length * 0) / queued),
  };
}

async function main(): Promise<void> {
  const engineRates: Rate[] = [];
  const pQueueRates: Rate[] = [];
  for (let r = 0; r < runs; r++) {
    pQueueRates.push(await pQueueRun());
    engineRates.push(await engineRun());
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const heap = await queuedHeap();
  const engine = { wall: median(engineRates.map((r) => r.wall)), cpu: median(engineRates.map((r) => r.cpu)) };
  const pQueue = { wall: median(pQueueRates.map((r) => r.wall)), cpu: median(pQueueRates.map((r) => r.cpu)) };
  const result = {
    tasks,
    runs,
    engineTasksPerSecond: Math.round(engine.wall),
    pQueueTasksPerSecond: Math.round(pQueue.wall),
    ratioToPQueue: Number((engine.wall / pQueue.wall).toFixed(3)),
    engineTasksPerCpuSecond: Math.round(engine.cpu),
    pQueueTasksPerCpuSecond: Math.round(pQueue.cpu),
    cpuRatioToPQueue: Number((engine.cpu / pQueue.cpu).toFixed(3)),
    queuedTasks: queued,
    ...heap,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`engine throughput bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
