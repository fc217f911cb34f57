// Starts the fake OpenAI-compatible server (test/fakes/fakeServerMain.ts, compiled to
// out/test/fakes/fakeServerMain.js) in its own process group and reads the base URL it prints.
import * as fs from 'fs';
import { createInterface } from 'readline';
import { fakeServerMain } from './paths';
import { spawnGroup, type GroupProcess } from './processes';

export interface FakeServerOptions {
  readonly port?: number;
  readonly chunkDelayMs?: number;
  /** stderr (and stdout after the first line) are appended here. */
  readonly logFile?: string;
  readonly script?: string;
  readonly startTimeoutMs?: number;
}

export interface FakeServer {
  /** e.g. http://127.0.0.1:PORT/v1 */
  readonly baseUrl: string;
  readonly process: GroupProcess;
  stop(): Promise<void>;
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const script = options.script ?? fakeServerMain;
  if (!fs.existsSync(script)) throw new Error(`fake server not built: ${script} (run \`node esbuild.js --tests\`)`);
  const args = [script];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.chunkDelayMs !== undefined) args.push('--chunk-delay-ms', String(options.chunkDelayMs));
  const proc = spawnGroup(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  proc.child.stderr?.on('data', (chunk: Buffer) => log?.write(chunk));

  const lines = createInterface({ input: proc.child.stdout! });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake server printed no base URL within ${options.startTimeoutMs ?? 15_000} ms`)), options.startTimeoutMs ?? 15_000);
    let found = false;
    lines.on('line', (line) => {
      if (found) {
        log?.write(`${line}\n`);
        return;
      }
      try {
        const parsed = JSON.parse(line) as { baseUrl?: unknown };
        if (typeof parsed.baseUrl === 'string') {
          found = true;
          clearTimeout(timer);
          resolve(parsed.baseUrl);
          return;
        }
      } catch {
        // not the JSON line; keep it in the log
      }
      log?.write(`${line}\n`);
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`fake server exited (${String(code)}) before printing its base URL`));
    });
  }).catch(async (err: unknown) => {
    await proc.stop(1000);
    throw err;
  });
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    process: proc,
    stop: async () => {
      await proc.stop(2000);
      log?.end();
    },
  };
}
