// How close the engine gets to a provider's rate limits: 500 tasks against a fake server that
// enforces requests/min and tokens/min (429 + Retry-After beyond them), with the same limits set
// in `providerLimits`. Prints one JSON object; the goal is a makespan within 5 % of the work
// divided by the limit, no failures and few 429s. With `--unconfigured` the provider has no
// limits set, only a concurrency of 32: what a user who never told us the limits gets. With
// `--no-headers` the server sends no x-ratelimit-* headers either, so only its 429s teach.
//   node out/bench/rateLimitBench.js [--tasks N] [--seed N] [--unconfigured] [--no-headers]
import { numberArg } from './benchArgs';
import { createSystemClock } from '../src/core/domain/clock';
import { PriceBook } from '../src/core/usage/priceBook';
import { TaskEngine } from '../src/core/engine/taskEngine';
import { OpenAiCompatibleProvider } from '../src/providers/openai/openaiCompatibleProvider';
import { fakeTokenCount } from '../test/fakes/fakeTokenCount';
import { startRateLimitServer } from '../test/fakes/rateLimitServer';
import { simulatedReply } from '../test/fakes/simulatedReply';
import { seededRandom } from '../test/unit/helpers/seededRandom';

const REQUESTS_PER_MINUTE = 1_200;
const TOKENS_PER_MINUTE = 400_000;


async function main(): Promise<void> {
  const tasks = numberArg('--tasks', 500);
  const random = seededRandom(numberArg('--seed', 1));
  const configured = !process.argv.includes('--unconfigured');
  const rateLimitHeaders = !process.argv.includes('--no-headers');
  const server = await startRateLimitServer({ requestsPerMinute: REQUESTS_PER_MINUTE, tokensPerMinute: TOKENS_PER_MINUTE, headers: rateLimitHeaders ? 'all' : 'none' });
  const provider = new OpenAiCompatibleProvider({ id: 'limited', label: 'Limited', baseUrl: server.baseUrl, local: true, getApiKey: async () => undefined });
  const engine = new TaskEngine({
    clock: createSystemClock(),
    newId: (() => {
      let n = 0;
      return () => `r${++n}`;
    })(),
    providers: () => provider,
    priceBook: () => new PriceBook(),
    concurrency: 32,
    defaultTimeoutMs: 600_000,
    providerLimits: { limited: configured ? { concurrency: 32, requestsPerMinute: REQUESTS_PER_MINUTE, tokensPerMinute: TOKENS_PER_MINUTE } : { concurrency: 32 } },
  });

  // Prompts of 200–3,000 characters, so the token limit matters as much as the request limit.
  const prompts = Array.from({ length: tasks }, (_, i) => `Task ${i}: ${'lorem ipsum '.repeat(16 + Math.floor(random() * 234))}`);
  const tokens = prompts.reduce((sum, p) => sum + fakeTokenCount(p) + fakeTokenCount(simulatedReply(p, { chunkDelayMs: 0, slowChunkDelayMs: 0, slowChunkCount: 1 }).text), 0);
  const theoreticalMinMs = Math.max((tasks / REQUESTS_PER_MINUTE) * 60_000, (tokens / TOKENS_PER_MINUTE) * 60_000);

  const started = performance.now();
  for (const [i, prompt] of prompts.entries()) engine.submit({ title: `t${i}`, prompt, providerId: 'limited', model: 'fake-model' });
  await engine.whenIdle();
  const makespanMs = performance.now() - started;
  const stats = server.stats();
  await server.close();
  const failed = engine.list().filter((t) => t.status !== 'completed');
  const result = {
    tasks,
    makespanMs: Math.round(makespanMs),
    theoreticalMinMs: Math.round(theoreticalMinMs),
    ratio: Number((makespanMs / theoreticalMinMs).toFixed(3)),
    count429: stats.rejected429,
    failures: failed.length,
    limits: { requestsPerMinute: REQUESTS_PER_MINUTE, tokensPerMinute: TOKENS_PER_MINUTE, configured, rateLimitHeaders },
    work: { requests: tasks, tokens },
    server: stats,
    ...(failed.length > 0 && { firstFailure: failed[0]!.error }),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`rate-limit bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
