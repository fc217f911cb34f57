// End to end, as a person, with the packaged .vsix (production mode) in a real workbench: the output
// panel never shows a state the extension no longer has, and what other extensions see of the API.
//   - clicking rows while their tasks stream never fails ("Actual command not found …showOutput");
//   - after the extension host dies and restarts, the panel shows the task interrupted: no live
//     Cancel, no ticking clock, one panel;
//   - after a window reload with the panel in a background tab, clicking a row leaves one panel;
//   - another installed extension sees only the public API members.
// Run by scripts/test.sh with the other e2e files. Screenshots: test-results/e2e-panel-state/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PUBLIC_API_MEMBERS } from '../../src/api/extensionApi';
import type { Browser } from '../harness/browser';
import { killExtensionHost } from '../harness/codeServer';
import { startFakeServer, type FakeServer } from '../harness/fakeServer';
import { repoRoot, resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-panel-state');
const PROBE = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'api-probe');
/** "[slow]" makes the fake stream 20 pieces 1.5 s apart: 30 s of a running task. */
const STREAMING = ['Story one [slow]', 'Story two [slow]', 'Story three [slow]'];
const INTERRUPTED = 'Story four [slow]';

describe('The output panel never shows a stale state (packaged extension, real workbench)', function () {
  this.timeout(180_000);
  this.bail(true);

  let fake: FakeServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const panelTabs = (): Promise<number> => browser.page.locator('.tabs-container .tab').filter({ hasText: 'AI Task Output' }).count();
  const panelTitle = async (): Promise<string> => (await wb.webview().locator('[data-testid="title"]').innerText({ timeout: 10_000 })).trim();

  async function runPrompt(prompt: string): Promise<void> {
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(prompt);
    await wb.submitInput();
  }

  async function notificationsText(): Promise<string> {
    await wb.runCommand('Notifications: Show Notifications');
    const center = browser.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await center.innerText();
    await browser.page.keyboard.press('Escape');
    return text;
  }

  before(async function () {
    this.timeout(240_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-panel-ws-');
    fs.writeFileSync(path.join(workspace, 'README.md'), '# A project\n');
    fake = await startFakeServer({ logFile: path.join(outDir, 'fake-server.log') });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: { 'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl, 'aiTaskQueue.providers.openaiCompatible.model': 'e2e-model' },
      folderExtensions: [PROBE],
    });
    ({ browser, wb } = session);
    await wb.openViewContainer('AI Task Queue');
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await fake?.stop();
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('gives another extension only the public API: no setApiKey, recorded panel messages, tree hooks or log lines', async function () {
    await wb.runCommand('API Probe: List AI Task Queue API Members');
    const toast = browser.page.locator('.notifications-toasts .notification-toast', { hasText: 'AI Task Queue API members:' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const members = /members: (\S+)/.exec(await toast.innerText())?.[1]?.split(',');
    assert.deepStrictEqual(members, [...PUBLIC_API_MEMBERS].sort());
  });

  it('opens the clicked task on every click while rows re-render for streaming output (CPU throttled 6×)', async function () {
    // 24 throttled clicks took 70–100 s on a loaded 2-core machine.
    this.timeout(240_000);
    for (const prompt of STREAMING) await runPrompt(prompt);
    for (const prompt of STREAMING) await wb.waitForRowInGroup(prompt, 'Running', 30_000);
    await browser.page.waitForTimeout(1_500);
    // A slow renderer widens the window in which a click meets a row the extension host has already
    // re-rendered; before the fix about one click in ten failed like this.
    const cdp = await browser.page.context().newCDPSession(browser.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    let last = '';
    try {
      for (let i = 0; i < 24; i++) {
        last = STREAMING[i % STREAMING.length]!;
        await wb.sidebarRow(last).click();
        // Off the row, so its hover tooltip never covers the next row.
        await browser.page.mouse.move(900, 700);
        await browser.page.waitForTimeout(120 + ((i * 53) % 180));
      }
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    await wb.screenshot('rows-clicked-while-streaming');
    const deadline = Date.now() + 15_000;
    while ((await panelTitle().catch(() => '')) !== last && Date.now() < deadline) await browser.page.waitForTimeout(200);
    assert.strictEqual(await panelTitle(), last, 'the panel does not show the last clicked task');
    const notifications = await notificationsText();
    assert.ok(!/command not found/i.test(notifications), `a row click failed: ${notifications}`);
    assert.strictEqual(await panelTabs(), 1);
  });

  it('after the extension host dies and restarts, shows the running task interrupted: no Cancel, no ticking clock, one panel', async function () {
    await runPrompt(INTERRUPTED);
    await wb.waitForRowInGroup(INTERRUPTED, 'Running', 30_000);
    await wb.sidebarRow(INTERRUPTED).click();
    const view = wb.webview();
    await view.locator('[data-testid="status"][data-status="running"]').waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await panelTitle(), INTERRUPTED);
    await view.locator('[data-testid="cancel"]').waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.waitForTimeout(2_000); // some output, saved in the history
    await wb.screenshot('running-before-host-restart');

    const badge = wb.activityBarItem('AI Task Queue').locator('xpath=ancestor::li[1]').locator('.badge-content');
    // The last test's streaming tasks may still be finishing on a loaded machine: wait for them.
    const settled = Date.now() + 30_000;
    while ((await badge.innerText()).trim() !== '1' && Date.now() < settled) await browser.page.waitForTimeout(250);
    assert.strictEqual((await badge.innerText()).trim(), '1', 'the activity bar shows no running count before the restart');
    const killed = killExtensionHost(session!.server);
    assert.ok(killed.length > 0, 'found no extension host process to kill');
    await view.locator('[data-testid="status"][data-status="failed"]').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.screenshot('after-host-restart');
    assert.strictEqual(await panelTitle(), INTERRUPTED);
    assert.strictEqual((await view.locator('[data-testid="error-code"]').innerText()).trim(), 'INTERRUPTED');
    assert.strictEqual(await view.locator('[data-testid="cancel"]').count(), 0, 'a Cancel button for a task that no longer runs');
    const elapsed = async (): Promise<string> => (await view.locator('[data-testid="elapsed"]').innerText()).trim();
    const before = await elapsed();
    await browser.page.waitForTimeout(2_500);
    assert.strictEqual(await elapsed(), before, 'the elapsed time still ticks');
    assert.strictEqual(await panelTabs(), 1);
    // Nothing runs now: the activity bar must not keep the old host's "1 running" badge.
    assert.strictEqual(((await badge.isVisible()) ? await badge.innerText() : '').trim(), '', 'the activity bar still shows a running count');
  });

  it('after a window reload with the panel in a background tab, a row click leaves exactly one panel', async function () {
    // README opens in the panel's group, so the panel is a background tab when the window reloads:
    // VS Code restores it only when it is shown again.
    await browser.page.keyboard.press('Control+P');
    await wb.quickInputBox.fill('README.md');
    await wb.quickInputRow('README.md').waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.keyboard.press('Enter');
    await browser.page.locator('.tabs-container .tab.active', { hasText: 'README.md' }).waitFor({ state: 'visible', timeout: 10_000 });
    await wb.runCommand('Developer: Reload Window');
    await browser.page.waitForTimeout(2_000);
    await wb.waitReady();
    await browser.page.locator('.tabs-container .tab', { hasText: 'README.md' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await panelTabs(), 1, 'the reload did not restore the panel tab (the test would prove nothing)');
    const row = STREAMING[1]!;
    // Opens the view only when it is not showing: clicking an active container's icon hides it, and
    // right after a reload the tree may simply not have its rows yet.
    await wb.openViewContainer('AI Task Queue');
    await wb.sidebarRow(row).waitFor({ state: 'visible', timeout: 30_000 });
    await wb.sidebarRow(row).click();
    const deadline = Date.now() + 20_000;
    while ((await panelTitle().catch(() => '')) !== row && Date.now() < deadline) await browser.page.waitForTimeout(200);
    await wb.screenshot('after-reload-row-clicked');
    assert.strictEqual(await panelTitle(), row);
    await browser.page.waitForTimeout(2_000); // a late restore of the old tab would show up now
    assert.strictEqual(await panelTabs(), 1, 'a second output panel opened beside the restored one');
  });
});
