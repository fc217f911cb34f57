// One end-to-end session, as every e2e file starts it: the packaged .vsix installed into a fresh
// code-server state folder (or, with ATQ_EXTENSION_PATH, an unpacked folder loaded through the
// test payload), Chromium on the workbench with its console logged, the workbench ready.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser, type Browser } from './browser';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { resultsDir } from './paths';
import { makeTempDir, removeTempDir } from './processes';
import { Workbench } from './workbench';

export interface E2eSessionOptions {
  /** Logs and screenshots go here. */
  readonly outDir: string;
  readonly workspace: string;
  readonly userSettings: Readonly<Record<string, unknown>>;
}

export interface E2eSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly wb: Workbench;
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
  const server = await startCodeServer({
    stateDir,
    // An unpacked extension folder is only loaded through the test payload, which needs the driver
    // (which also skips modal dialogs).
    smokeTestDriver: Boolean(devPath),
    userSettings: options.userSettings,
    env: { AI_TASK_QUEUE_SIMULATOR_URL: undefined },
    logFile: path.join(outDir, 'code-server.log'),
  });
  const browser = await launchBrowser();
  const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
  browser.page.on('console', (msg) => consoleLog.write(`[${msg.type()}] ${msg.text()}\n`));
  browser.page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.message}\n`));
  const wb = new Workbench(browser.page, path.join(outDir, 'screenshots'));
  const payload = devPath ? ([['extensionDevelopmentPath', server.remoteUri(path.resolve(devPath))]] as const) : undefined;
  await browser.page.goto(server.workbenchUrl(options.workspace, payload));
  await wb.waitReady();
  return {
    server,
    browser,
    wb,
    async close(): Promise<void> {
      await browser.close();
      await server.stop();
      removeTempDir(stateDir);
    },
  };
}
