// CLI for the fake batch APIs in a process of their own (bench/providerBatchBench.ts runs the product
// side in its process, so the fake's work is not measured as the product's).
//   node out/test/fakes/batchFakeServerMain.js [--reply-chars N] [--in-progress-ms N]
// Prints one JSON line {"openai":"http://127.0.0.1:P/v1","anthropic":"http://127.0.0.1:Q","openaiKey":…,"anthropicKey":…}
// once listening, then serves until SIGTERM/SIGINT.
import { startFakeAnthropicServer } from './fakeAnthropicServer';
import { startFakeOpenAiServer } from './fakeOpenAiServer';

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) ? value : fallback;
}

async function main(): Promise<void> {
  const timings = { validatingMs: 50, inProgressMs: numberArg('--in-progress-ms', 500), finalizingMs: 50, cancellingMs: 50 };
  const batches = { timings, replyChars: numberArg('--reply-chars', 0) };
  const openaiKey = 'sk-test-bench';
  const anthropicKey = 'sk-ant-bench';
  const [openai, anthropic] = await Promise.all([startFakeOpenAiServer({ apiKey: openaiKey, batches }), startFakeAnthropicServer({ apiKey: anthropicKey, batches })]);
  process.stdout.write(`${JSON.stringify({ openai: openai.baseUrl, anthropic: anthropic.baseUrl, openaiKey, anthropicKey })}\n`);
  const stop = (): void => void Promise.all([openai.close(), anthropic.close()]).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
