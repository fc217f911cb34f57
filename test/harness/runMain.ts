// The long-running half of the product run command (scripts/run.sh builds and packages first):
// installs the .vsix into a persistent profile under the cache, starts the offline simulator when no
// OpenAI-compatible server answers, starts code-server on 127.0.0.1 and prints the URL.
// Ctrl-C (or SIGTERM/SIGHUP) stops code-server and the simulator by process group.
//   node out/test/harness/runMain.js --vsix <file> [--port N] [--workspace DIR]
import * as fs from 'fs';
import * as path from 'path';
import { installExtension, readUserSettings, startCodeServer, stateDirs, type CodeServer } from './codeServer';
import { startFakeServer, type FakeServer } from './fakeServer';
import { cacheDir, repoRoot } from './paths';

const DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';
const BASE_URL_KEY = 'aiTaskQueue.providers.openaiCompatible.baseUrl';
const SIMULATOR_URL_ENV = 'AI_TASK_QUEUE_SIMULATOR_URL';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(message: string): void {
  console.log(`[run] ${message}`);
}

/** The base URL the extension will use: Remote (Machine) settings win, then User settings, then the default. */
function configuredBaseUrl(stateDir: string): { baseUrl: string; source: string } {
  const dirs = stateDirs(stateDir);
  for (const file of [dirs.machineSettingsFile, dirs.settingsFile]) {
    try {
      const value = readUserSettings(file)[BASE_URL_KEY];
      if (typeof value === 'string' && value.trim()) return { baseUrl: value.trim().replace(/\/+$/, ''), source: file };
    } catch (err) {
      log(`could not read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { baseUrl: DEFAULT_BASE_URL, source: 'the default' };
}

/** True when anything HTTP answers GET <base>/models (a 401 still means a server is there). */
async function serverAnswers(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/models`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

function simulatorBanner(baseUrl: string, source: string, machineSettingsFile: string, simulatorUrl: string): string {
  const bar = '!'.repeat(100);
  return [
    '',
    bar,
    `!!  OFFLINE SIMULATOR IS ON: no OpenAI-compatible server answered at ${baseUrl} (from ${source}).`,
    '!!  Task output in this session is SIMULATED by the offline simulator. It is NOT produced by any model.',
    `!!  (simulator: ${simulatorUrl})`,
    '!!  To use a real model instead, start an OpenAI-compatible server (e.g. `ollama serve`, LM Studio, vLLM)',
    `!!  at ${baseUrl}, or set "${BASE_URL_KEY}"`,
    '!!  in VS Code: Settings > Remote [127.0.0.1] tab (a machine setting), saved in',
    `!!  ${machineSettingsFile}`,
    '!!  then stop this command with Ctrl-C and run `npm start` again.',
    bar,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const vsix = argValue('--vsix');
  if (!vsix || !fs.existsSync(vsix)) throw new Error(`--vsix <file> required (got ${vsix ?? 'nothing'})`);
  const stateDir = process.env.AI_TASK_QUEUE_PROFILE || path.join(cacheDir, 'run-profile');
  const workspace = path.resolve(argValue('--workspace') ?? process.env.AI_TASK_QUEUE_WORKSPACE ?? repoRoot);
  if (!fs.existsSync(workspace)) throw new Error(`workspace folder ${workspace} does not exist`);
  const port = Number(argValue('--port') ?? process.env.PORT ?? 8080);
  const dirs = stateDirs(stateDir);
  const logFile = path.join(stateDir, 'code-server.log');

  log(`installing ${vsix} into ${dirs.extensionsDir}`);
  const installOutput = await installExtension({ stateDir, vsix, logFile });
  const installed = installOutput.split('\n').find((line) => /installed|already/i.test(line));
  if (installed) log(installed.trim());

  let fake: FakeServer | undefined;
  let server: CodeServer | undefined;
  let stopping = false;
  const shutdown = async (code: number, why: string): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log(`${why}: stopping code-server${fake ? ' and the offline simulator' : ''}…`);
      await Promise.allSettled([server?.stop(), fake?.stop()]);
      log('stopped.');
    }
    process.exit(code);
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code); // second Ctrl-C: leave now
      void shutdown(code, signal);
    });
  }

  const { baseUrl, source } = configuredBaseUrl(stateDir);
  const env: Record<string, string | undefined> = { [SIMULATOR_URL_ENV]: undefined };
  let banner: string | undefined;
  if (await serverAnswers(baseUrl)) {
    log(`model server answers at ${baseUrl} (from ${source}); tasks go to it.`);
  } else {
    fake = await startFakeServer({ logFile: path.join(stateDir, 'simulator.log') });
    env[SIMULATOR_URL_ENV] = fake.baseUrl;
    banner = simulatorBanner(baseUrl, source, dirs.machineSettingsFile, fake.baseUrl);
    console.log(banner);
  }

  try {
    server = await startCodeServer({
      stateDir,
      port,
      fallbackToFreePort: true,
      preserveExistingSettings: true,
      env,
      workspace,
      logFile,
    });
  } catch (err) {
    await fake?.stop();
    throw err;
  }
  const url = server.workbenchUrl(workspace);
  console.log('');
  console.log(`AI Task Queue is running in VS Code (code-server) at:\n\n    ${url}\n`);
  console.log(`  workspace: ${workspace}`);
  console.log(`  profile:   ${stateDir} (tasks and settings persist between runs)`);
  console.log(`  log:       ${logFile}`);
  if (banner) console.log('  model:     OFFLINE SIMULATOR — output is simulated, not from a model (see above)');
  else console.log(`  model:     ${baseUrl}`);
  console.log('\nPress Ctrl-C to stop.');

  const code = await server.process.exited;
  if (!stopping) await shutdown(typeof code === 'number' ? code : 1, `code-server exited (${String(code)})`);
}

main().catch((err: unknown) => {
  console.error(`[run] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
