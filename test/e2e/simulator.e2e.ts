// End to end with the offline simulator on (the run script's AI_TASK_QUEUE_SIMULATOR_URL), packaged
// .vsix, real workbench:
//   - "Select Model…" picks a real model while the simulator runs: the message says where new tasks
//     run, and the next task really runs there (not on the simulator);
//   - a task that ran on the simulator keeps its "simulated" banner after a restart without it.
// Run by scripts/test.sh with the other e2e files. Screenshots: test-results/e2e-simulator/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { startFakeServer, type FakeServer } from '../harness/fakeServer';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-simulator');
const LOCAL_MODEL = 'e2e-local-model';
const ON_SIMULATOR = 'Draft a haiku about queues';
const AFTER_PICK = 'Draft a limerick about queues';

describe('Offline simulator end to end: the picked model wins, the simulated mark survives a restart', function () {
  this.timeout(150_000);
  this.bail(true);

  let simulator: FakeServer;
  let compatible: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  async function runPrompt(prompt: string): Promise<string> {
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(prompt);
    const where = await wb.promptBoxModelRow();
    await wb.submitInput();
    return where;
  }

  async function openTask(title: string): Promise<void> {
    await wb.waitForRowInGroup(title, 'Completed', 60_000);
    await wb.sidebarRow(title).click();
    const view = wb.webview();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const shown = await view.locator('[data-testid="title"]').innerText({ timeout: 5_000 }).catch(() => '');
      if (shown.trim() === title) break;
      await browser.page.waitForTimeout(200);
    }
    await view.locator('[data-testid="status"][data-status="completed"]').waitFor({ state: 'visible', timeout: 20_000 });
  }

  before(async function () {
    this.timeout(240_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-sim-ws-');
    simulator = await startFakeServer({ logFile: path.join(outDir, 'simulator.log') });
    compatible = await startFakeOpenAiServer({ models: [LOCAL_MODEL] });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: { 'aiTaskQueue.providers.openaiCompatible.baseUrl': compatible.baseUrl, 'aiTaskQueue.providers.openaiCompatible.model': LOCAL_MODEL },
      env: { AI_TASK_QUEUE_SIMULATOR_URL: simulator.baseUrl },
    });
    ({ browser, wb } = session);
    await wb.openViewContainer('AI Task Queue');
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await Promise.all([simulator?.stop(), compatible?.close()]);
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('runs new tasks on the simulator, marked, while no model was picked', async function () {
    const where = await runPrompt(ON_SIMULATOR);
    assert.match(where, /Offline simulator/, `the Run Prompt box does not say the simulator: ${JSON.stringify(where)}`);
    await openTask(ON_SIMULATOR);
    await wb.webview().locator('[data-testid="banner"]').waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot('simulated-task');
    assert.strictEqual(compatible.requests.filter((r) => r.path === '/v1/chat/completions').length, 0);
  });

  it('Select Model… picks a real model: the message says so, and the next task runs there, not on the simulator', async function () {
    await wb.runCommand('AI Tasks: Select Model…');
    const row = browser.page.locator('.quick-input-list .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: new RegExp(`^${LOCAL_MODEL}$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    const toast = browser.page.locator('.notifications-toasts .notification-toast', { hasText: 'AI Task Queue:' }).last();
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.match(message, new RegExp(`new tasks run on OpenAI-compatible server \\(127\\.0\\.0\\.1:\\d+\\) · ${LOCAL_MODEL}`), message);

    const where = await runPrompt(AFTER_PICK);
    assert.match(where, new RegExp(LOCAL_MODEL), `the Run Prompt box does not say the picked model: ${JSON.stringify(where)}`);
    await openTask(AFTER_PICK);
    const view = wb.webview();
    await wb.screenshot('task-on-picked-model');
    assert.match(await view.locator('[data-testid="provider"]').innerText(), /OpenAI-compatible server/);
    assert.strictEqual((await view.locator('[data-testid="model"]').innerText()).trim(), LOCAL_MODEL);
    assert.strictEqual(await view.locator('[data-testid="banner"]').count(), 0, 'the task ran on the simulator');
    const chat = compatible.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.strictEqual(chat.length, 1, 'the picked server did not get the prompt');
    assert.strictEqual((chat[0]?.body as { model?: unknown }).model, LOCAL_MODEL);
  });

  it('after a restart without the simulator, the task that ran on it still shows the simulated banner', async function () {
    await session!.restartServer({});
    await wb.openViewContainer('AI Task Queue');
    await openTask(ON_SIMULATOR);
    await wb.webview().locator('[data-testid="banner"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await wb.webview().locator('[data-testid="provider"]').innerText(), /Offline simulator/);
    await wb.screenshot('simulated-task-after-restart');
    await openTask(AFTER_PICK);
    assert.strictEqual(await wb.webview().locator('[data-testid="banner"]').count(), 0);
  });
});
