// CLI for the fake OpenAI-compatible server, which doubles as the product's offline simulator.
//   node out/test/fakes/fakeServerMain.js [--port N] [--chunk-delay-ms N]
// Contract (scripts depend on it): prints exactly one JSON line {"baseUrl":"http://127.0.0.1:PORT/v1"}
// to stdout once listening, then serves until SIGTERM/SIGINT. Diagnostics go to stderr only.
import { startFakeOpenAiServer } from './fakeOpenAiServer';

const SIMULATOR_PREFIX = '[offline simulator] ';
/** A prompt holding this is refused with a 429 and a 45 s retry-after, so a test can hold a task back. */
const RATE_LIMITED_MARKER = '[rate-limited]';
const DEFAULT_CHUNK_DELAY_MS = 40;

function numberArg(args: readonly string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const server = await startFakeOpenAiServer({
    port: numberArg(args, '--port') ?? 0,
    chunkDelayMs: numberArg(args, '--chunk-delay-ms') ?? DEFAULT_CHUNK_DELAY_MS,
    replyPrefix: SIMULATOR_PREFIX,
    models: ['simulator-echo'],
    fault: (request) => (request.rawBody.includes(RATE_LIMITED_MARKER) ? { kind: 'error', status: 429, headers: { 'retry-after': '45', 'x-ratelimit-remaining-requests': '0' } } : undefined),
  });
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
