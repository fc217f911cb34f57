// The hard case users meet: a remote provider that allows 5 requests a second (a burst of 5)
// and whose replies take seconds, through the real engine and OpenAI-compatible client. For each
// case prints one JSON line: makespan against the least any client could take (the last request
// the server can accept, (tasks − burst) ÷ rate, plus one reply), 429s against requests, and what
// was in flight. Never asserts on time.
//   node esbuild.js --tests && node out/bench/realLatencyBench.js [--tasks 100,1000] [--reply 2000,10000]
//     [--headers all,on429,none] [--settings default,concurrency16,configured]
// headers: 'all'   x-ratelimit-* on every answer, as api.openai.com sends them
//          'on429' the limit shows only in 429s (retry-after, retry-after-ms, x-ratelimit-reset-requests)
//          'none'  a 429 says nothing but a whole-second retry-after
// settings: 'default'        what a user who never touched a setting gets
//           'concurrency16'  aiTaskQueue.concurrency = 16
//           'configured'     providerLimits.requestsPerMinute = 300 (the server's real limit)
import { createSystemClock } from '../src/core/domain/clock';
import { TaskEngine } from '../src/core/engine/taskEngine';
import { PriceBook } from '../src/core/usage/priceBook';
import { OpenAiCompatibleProvider } from '../src/providers/openai/openaiCompatibleProvider';
import { startRateLimitServer } from '../test/fakes/rateLimitServer';
import { parseSettings } from '../src/host/config/settingsValues';

/** What the extension reads when the user set nothing. */
const DEFAULT_SETTINGS = parseSettings(() => undefined).values;

const RATE_PER_SECOND = 5;
const BURST = 5;

function listArg(name: string, fallback: readonly string[]): string[] {
  const i = process.argv.indexOf(name);
  return i === -1 ? [...fallback] : (process.argv[i + 1] ?? '').split(',').filter(Boolean);
}

interface Case {
  readonly tasks: number;
  readonly replyMs: number;
  readonly headers: 'all' | 'on429' | 'none';
  readonly settings: string;
}

async function run(c: Case): Promise<Record<string, unknown>> {
  const server = await startRateLimitServer({ requestsPerMinute: RATE_PER_SECOND * 60, burstSeconds: BURST / RATE_PER_SECOND, headers: c.headers, replyMs: c.replyMs });
  // A remote provider, as OpenAI is: the server only happens to listen on this machine.
  const provider = new OpenAiCompatibleProvider({ id: 'remote', label: 'Remote', baseUrl: server.baseUrl, local: false, getApiKey: async () => undefined });
  const priceBook = new PriceBook();
  let n = 0;
  const engine = new TaskEngine({
    clock: createSystemClock(),
    newId: () => `t${++n}`,
    providers: () => provider,
    priceBook: () => priceBook,
    concurrency: c.settings === 'concurrency16' ? 16 : DEFAULT_SETTINGS.concurrency,
    defaultTimeoutMs: DEFAULT_SETTINGS.timeoutMs,
    retryBudgetMs: DEFAULT_SETTINGS.maxRetryWaitMs,
    ...(c.settings === 'configured' && { providerLimits: { remote: { requestsPerMinute: RATE_PER_SECOND * 60 } } }),
  });
  const started = performance.now();
  for (let i = 0; i < c.tasks; i++) engine.submit({ title: `t${i}`, prompt: `Task ${i}: summarise this in one line.`, providerId: 'remote', model: 'fake-model' });
  await engine.whenIdle();
  const makespanMs = performance.now() - started;
  const stats = server.stats();
  await server.close();
  const minimumMs = (Math.max(0, c.tasks - BURST) / RATE_PER_SECOND) * 1000 + c.replyMs;
  const failed = engine.list().filter((t) => t.status !== 'completed');
  return {
    ...c,
    makespanMs: Math.round(makespanMs),
    minimumMs: Math.round(minimumMs),
    ratio: Number((makespanMs / minimumMs).toFixed(3)),
    requests: stats.requests,
    count429: stats.rejected429,
    share429: Number((stats.rejected429 / stats.requests).toFixed(3)),
    failures: failed.length,
    serverMaxInFlight: stats.maxInFlight,
    serverMeanInFlight: Number(stats.meanInFlight.toFixed(1)),
    pacing: engine.pacing('remote'),
    ...(failed.length > 0 && { firstFailure: failed[0]!.error }),
  };
}

async function main(): Promise<void> {
  const tasks = listArg('--tasks', ['100']).map(Number);
  const replies = listArg('--reply', ['2000', '10000']).map(Number);
  const headers = listArg('--headers', ['all', 'on429', 'none']) as Case['headers'][];
  const settings = listArg('--settings', ['default', 'concurrency16', 'configured']);
  for (const t of tasks) for (const replyMs of replies) for (const h of headers) for (const s of settings) {
    process.stdout.write(`${JSON.stringify(await run({ tasks: t, replyMs, headers: h, settings: s }))}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`real-latency bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
