// The chaos run at benchmark size: 10,000 tasks through the real engine and OpenAI-compatible
// client against three fault-injecting servers, with random cancels, priority changes and late
// duplicate events, then every invariant of the unit suite's chaos test. Prints one JSON line and
// exits non-zero when an invariant broke; never asserts on time.
//   node esbuild.js --tests && node out/bench/chaosBench.js [--tasks N] [--seed N]
import { numberArg } from './benchArgs';
import { runChaos } from '../test/unit/chaos/chaosRun';


async function main(): Promise<void> {
  const tasks = numberArg('--tasks', 10_000);
  const seed = numberArg('--seed', 20_261_201);
  // Cancels and priority changes spread over most of the run, not only its first seconds.
  const result = await runChaos({ seed, tasks, actionSpreadMs: Math.max(1_500, tasks * 15) });
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  process.stdout.write(
    `${JSON.stringify({
      ...result,
      tasksPerSecond: Math.round((tasks / result.elapsedMs) * 1000),
      heapMb,
      violationCount: result.violations.length,
      violations: result.violations.slice(0, 20),
    })}\n`,
  );
  if (result.violations.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
