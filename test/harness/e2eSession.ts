// One end-to-end session, as every e2e file starts it: the packaged .vsix installed into a fresh
// code-server state folder (or, with ATQ_EXTENSION_PATH, an unpacked folder loaded through the
// test payload), Chromium on the workbench with its console logged, the workbench ready.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser, type Browser } from './browser';
import { installExtension, startCodeServer, stateDirs, type CodeServer, type StateDirs } from './codeServer';
import { installFolderExtension } from './folderExtension';
import { resultsDir } from './paths';
import { makeTempDir, removeTempDir } from './processes';
import { Workbench } from './workbench';

export interface E2eSessionOptions {
  /** Logs and screenshots go here. */
  readonly outDir: string;
  readonly workspace: string;
  readonly userSettings: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server (and so the extension host). The offline simulator is off unless set here. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Unpacked fixture extensions installed beside the product (test/e2e/fixtures/…). */
  readonly folderExtensions?: readonly string[];
  /** Leave workspace trust on (the user settings must turn it on too: see untrustedWorkspace.ts). */
  readonly workspaceTrust?: boolean;
  /** The browser window's size (default 1440×900); smaller for pictures that must stay small. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The display language (`--locale`); its language pack must be installed by `prepare`. */
  readonly locale?: string;
  /** Runs once the extensions are installed and before code-server starts (e.g. to add a language pack). */
  readonly prepare?: (dirs: StateDirs) => void;
}

export interface E2eSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly wb: Workbench;
  /**
   * Stops code-server and starts it again on the same state folder (the same profile, history and
   * installed extensions) with `env`, and opens the workbench again: a new `npm start`.
   */
  restartServer(env: Readonly<Record<string, string | undefined>>): Promise<void>;
  /** Closes the browser and code-server and removes the state folder. */
  close(): Promise<void>;
}

export async function startE2eSession(options: E2eSessionOptions): Promise<E2eSession> {
  const { outDir } = options;
  const devPath = process.env.ATQ_EXTENSION_PATH;
  const stateDir = makeTempDir('atq-e2e-state-');
  if (!devPath) {
    const vsix = path.resolve(process.env.ATQ_VSIX ?? path.join(resultsDir, 'ai-task-queue.vsix'));
    assert.ok(fs.existsSync(vsix), `no packaged extension at ${vsix} (scripts/test.sh builds it)`);
    await installExtension({ stateDir, vsix, logFile: path.join(outDir, 'install.log') });
  }
  for (const folder of options.folderExtensions ?? []) installFolderExtension(stateDirs(stateDir).extensionsDir, folder);
  options.prepare?.(stateDirs(stateDir));
  const start = (env: Readonly<Record<string, string | undefined>>, port?: number): Promise<CodeServer> =>
    startCodeServer({
      stateDir,
      ...(port !== undefined && { port }),
      // An unpacked extension folder is only loaded through the test payload, which needs the driver
      // (which also skips modal dialogs).
      smokeTestDriver: Boolean(devPath),
      userSettings: options.userSettings,
      workspaceTrust: options.workspaceTrust ?? false,
      env: { AI_TASK_QUEUE_SIMULATOR_URL: undefined, ...env },
      ...(options.locale !== undefined && { extraArgs: ['--locale', options.locale] }),
      logFile: path.join(outDir, 'code-server.log'),
    });
  let server = await start(options.env ?? {});
  const browser = await launchBrowser(options.viewport ? { viewport: { ...options.viewport } } : {});
  const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
  browser.page.on('console', (msg) => consoleLog.write(`[${msg.type()}] ${msg.text()}\n`));
  browser.page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.message}\n`));
  const wb = new Workbench(browser.page, path.join(outDir, 'screenshots'));
  const open = async (): Promise<void> => {
    const payload = devPath ? ([['extensionDevelopmentPath', server.remoteUri(path.resolve(devPath))]] as const) : undefined;
    await browser.page.goto(server.workbenchUrl(options.workspace, payload));
    await wb.waitReady();
  };
  await open();
  return {
    get server(): CodeServer {
      return server;
    },
    browser,
    wb,
    async restartServer(env): Promise<void> {
      await browser.page.goto('about:blank');
      const port = server.port;
      await server.stop();
      // The same port: the workbench names the folder vscode-remote://host:port/…, and the
      // workspace's storage (the task history) is keyed by that name.
      server = await start(env, port);
      await open();
    },
    async close(): Promise<void> {
      await browser.close();
      await server.stop();
      removeTempDir(stateDir);
    },
  };
}
