// Runs test/integration inside a real VS Code extension host: the fake model server, a fresh
// code-server with the smoke-test driver, and Chromium opening the workbench with a test payload
// (extensionDevelopmentPath = the repo, extensionTestsPath = out/test/integration/index.js).
// Writes test-results/integration.result.json and prints INTEGRATION-RESULT {...}; exit 0 = all passed.
//   node out/test/harness/integrationMain.js [--timeout-ms N]
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { launchBrowser } from './browser';
import { startCodeServer, stateDirs, type CodeServer } from './codeServer';
import { installFolderExtension } from './folderExtension';
import { startFakeServer, type FakeServer } from './fakeServer';
import { CODE_SERVER_STATE_DIR_ENV, INTEGRATION_FAKES_ENV, integrationProviderSettings, LM_VENDOR_FIXTURE_PATH, type IntegrationFakePorts } from './integrationFakes';
import { repoRoot, resultsDir } from './paths';
import { TEST_BATCH_POLL_MS_ENV } from '../../src/shared/ids';
import { freePort, makeTempDir, removeTempDir } from './processes';
import { parseResultLine, resultLine, writeSuiteResult, type SuiteCounts } from './results';
import { HOSTILE_WORKSPACE_SETTINGS, UNTRUSTED_WORKSPACE_ENV, WORKSPACE_TRUST_SETTINGS } from './untrustedWorkspace';

// A second run (the window-reload test, which must run alone) reports under its own name.
const SUITE = process.env.ATQ_INTEGRATION_SUITE ?? 'integration';
// The Restricted Mode run: workspace trust on, and a folder it does not trust (untrustedWorkspace.ts).
const UNTRUSTED = process.env[UNTRUSTED_WORKSPACE_ENV] === '1';

/** Workbench chatter that reaches codeAutomationLog in every run; kept in transcript.log, not echoed. */
const NOISE = [
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^Creating a socket \(/,
  /^Resolv(ing|ed) connection token/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /Timed out waiting for authentication provider 'github'/,
  // vscodeLm.test.ts makes its test-registered chat provider throw LanguageModelErrors on purpose.
  /^\[CHAT\] extension request ERRORED in STREAM test provider: /,
];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The workbench passes the extension host's console arguments unformatted ("%s) %s", …). */
function formatArgs(args: unknown): string {
  if (Array.isArray(args)) return format(...(args as unknown[]));
  return typeof args === 'string' ? args : JSON.stringify(args);
}

async function main(): Promise<number> {
  const started = Date.now();
  const timeoutMs = Number(argValue('--timeout-ms') ?? process.env.ATQ_INTEGRATION_TIMEOUT_MS ?? 600_000);
  const outDir = path.join(resultsDir, SUITE);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const resultFile = path.join(resultsDir, `${SUITE}.result.json`);
  fs.rmSync(resultFile, { force: true });
  const extensionPath = path.resolve(process.env.ATQ_EXTENSION_PATH ?? repoRoot);
  const testsPath = path.resolve(process.env.ATQ_INTEGRATION_TESTS ?? path.join(repoRoot, 'out', 'test', 'integration', 'index.js'));
  for (const [what, file] of [
    ['extension manifest', path.join(extensionPath, 'package.json')],
    ['compiled test index', testsPath],
  ] as const) {
    if (!fs.existsSync(file)) throw new Error(`${what} missing: ${file}`);
  }
  const workspace = makeTempDir('atq-integration-ws-');
  // Known up front so the key-secrecy test can search everything code-server stored for this run.
  const stateDir = makeTempDir('atq-code-server-');
  fs.writeFileSync(path.join(workspace, 'notes.md'), '# Integration workspace\n\nfunction add(a, b) { return a + b; }\n');
  if (UNTRUSTED) {
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(HOSTILE_WORKSPACE_SETTINGS, null, 2)}\n`);
  }

  const transcript: string[] = [];
  let inNoisyError = false;
  const record = (line: string, isError: boolean): void => {
    transcript.push(isError ? `[error] ${line}` : line);
    // Stack lines of a suppressed error are suppressed with it.
    if (isError && inNoisyError && /^\s+at /.test(line)) return;
    inNoisyError = NOISE.some((re) => re.test(line));
    if (inNoisyError) return;
    if (isError) console.error(line);
    else console.log(line);
  };

  let fake: FakeServer | undefined;
  let server: CodeServer | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let exitCode: number | string = 'not run';
  try {
    fake = await startFakeServer({ logFile: path.join(outDir, 'fake-server.log') });
    console.log(`[integration] fake server at ${fake.baseUrl}`);
    // The OpenAI, Anthropic and Ollama fakes run inside the extension host (the tests script their
    // faults); their ports are chosen here because base URLs must be in the settings before start.
    const ports = new Set<number>();
    while (ports.size < 4) ports.add(await freePort());
    const [openai, anthropic, ollama, unreachable] = [...ports] as [number, number, number, number];
    const fakePorts: IntegrationFakePorts = { openai, anthropic, ollama, unreachable };
    // The workbench keeps one extensionDevelopmentPath from a test payload, so the fixture that
    // declares the `atq-test` language model vendor (vscodeLm.test.ts) is installed as a user extension.
    installFolderExtension(stateDirs(stateDir).extensionsDir, LM_VENDOR_FIXTURE_PATH);
    server = await startCodeServer({
      stateDir,
      smokeTestDriver: true,
      userSettings: { 'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl, ...integrationProviderSettings(fakePorts), ...(UNTRUSTED ? WORKSPACE_TRUST_SETTINGS : {}) },
      workspaceTrust: UNTRUSTED,
      // The offline simulator must not take over here: the tests talk to the configured fake.
      // Provider batches are checked every 200 ms here (read only in ExtensionMode.Test; real providers: at most once a minute).
      env: { AI_TASK_QUEUE_SIMULATOR_URL: undefined, [INTEGRATION_FAKES_ENV]: JSON.stringify(fakePorts), [CODE_SERVER_STATE_DIR_ENV]: stateDir, [TEST_BATCH_POLL_MS_ENV]: '200' },
      logFile: path.join(outDir, 'code-server.log'),
    });
    console.log(`[integration] code-server at ${server.origin} (state ${server.dirs.root})`);

    const browser = await launchBrowser();
    closeBrowser = browser.close;
    const { page } = browser;
    const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
    page.on('console', (msg) => consoleLog.write(`[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.message}\n`));

    let resolveExit: (code: number | string) => void = () => undefined;
    const exited = new Promise<number | string>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const text = formatArgs(args);
      for (const line of text.split('\n')) record(line, type === 'error');
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(typeof code === 'number' ? code : String(code)));

    const url = server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ]);
    console.log(`[integration] opening ${url}`);
    await page.goto(url);
    exitCode = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve(`timeout after ${timeoutMs} ms`), timeoutMs))]);
    await page.screenshot({ path: path.join(outDir, 'workbench-at-exit.png') }).catch(() => undefined);
    consoleLog.end();
  } catch (err) {
    exitCode = `harness error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
    console.error(`[integration] ${exitCode}`);
  } finally {
    await closeBrowser?.();
    await server?.stop();
    await fake?.stop();
    removeTempDir(workspace);
    removeTempDir(stateDir);
  }

  fs.writeFileSync(path.join(outDir, 'transcript.log'), `${transcript.join('\n')}\n`);
  // The test index reports as INTEGRATION-RESULT whichever suite name this run files its result under.
  const reported = parseResultLine(transcript.join('\n'), 'integration');
  let counts: SuiteCounts = reported ?? { passed: 0, failed: 0, skipped: 0 };
  let note: string | undefined;
  if (!reported) {
    note = `the tests reported no counts (exit: ${String(exitCode)})`;
    counts = { ...counts, failed: 1 };
  } else if (exitCode !== 0 && counts.failed === 0) {
    note = `the extension host exited with ${String(exitCode)} although no test failed`;
    counts = { ...counts, failed: 1 };
  }
  if (note) console.error(`[integration] FAILED: ${note}`);
  writeSuiteResult(resultFile, { suite: SUITE, ...counts, durationMs: Date.now() - started, ...(note ? { note } : {}) });
  console.log(`[integration] finished in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${path.relative(process.cwd(), outDir) || outDir}`);
  console.log(resultLine(SUITE, counts));
  return counts.failed === 0 ? 0 : 1;
}

// Ctrl-C: exit, and processes.ts kills the code-server and fake-server process groups on the way out.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
