// End-to-end: a person using AI Task Queue in a real VS Code workbench (code-server) in Chromium.
// Run by scripts/test.sh through mocha with test/harness/resultReporter (prints E2E-RESULT {...}):
//   mocha --timeout 120000 --reporter out/test/harness/resultReporter.js out/test/e2e/workbench.e2e.js
// The extension is the packaged .vsix (ATQ_VSIX, default test-results/ai-task-queue.vsix) installed
// with `code-server --install-extension`; ATQ_EXTENSION_PATH instead loads an unpacked folder.
// Screenshots of every step: test-results/e2e/screenshots/*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from '../harness/browser';
import { fetchStreamedReply, type StreamedReply } from '../harness/fakeReply';
import { startFakeServer, type FakeServer } from '../harness/fakeServer';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import { normalizeText, type Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e');
const MODEL = 'e2e-model';
const PROMPT = 'Explain in one paragraph why the sky is blue';
const SLOW_PROMPT = 'Write a very long story about queues [slow]';

describe('AI Task Queue end to end in the VS Code workbench', function () {
  this.timeout(120_000);
  this.bail(true);

  let fake: FakeServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;
  let expected: StreamedReply;

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-ws-');
    fs.writeFileSync(path.join(workspace, 'README.md'), '# A project\n\nSome text to ask about.\n');

    fake = await startFakeServer({ logFile: path.join(outDir, 'fake-server.log') });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': MODEL,
      },
    });
    ({ browser, wb } = session);
    expected = await fetchStreamedReply(fake.baseUrl, PROMPT, MODEL);
    assert.ok(expected.text.length > 0, 'the fake server streams no text');
  });

  after(async function () {
    this.timeout(30_000);
    if (wb && this.currentTest?.state === 'failed') await wb.screenshot('failure').catch(() => undefined);
    await session?.close();
    await fake?.stop();
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('shows the AI Task Queue view in the activity bar', async function () {
    await wb.openViewContainer('AI Task Queue');
    // With a single view VS Code titles the side bar "AI Task Queue: Tasks" and hides the pane header.
    const title = browser.page.locator('.part.sidebar .composite.title');
    await title.filter({ hasText: 'AI Task Queue' }).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('task-queue-view');
  });

  it('runs a prompt from the command palette and files it under Completed', async function () {
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(PROMPT);
    await wb.screenshot('run-prompt-input');
    await wb.submitInput();
    await wb.waitForRowInGroup(PROMPT.slice(0, 30), 'Completed', 60_000);
    const row = wb.sidebarRow(PROMPT.slice(0, 30));
    await row.waitFor({ state: 'visible' });
    await wb.screenshot('task-completed-in-tree');
    await wb.assertNoDialog();
  });

  it('shows the streamed output and token figures in the output panel', async function () {
    await wb.runCommand('AI Tasks: Show Task Output');
    // With no task given the command asks which one; pick ours.
    await wb.pickIfAsked(PROMPT.slice(0, 30));
    const view = wb.webview();
    const output = view.locator('[data-testid="output"]');
    await output.waitFor({ state: 'visible', timeout: 30_000 });
    const want = normalizeText(expected.text);
    let shown = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      shown = await output.innerText();
      if (normalizeText(shown).includes(want)) break;
      await browser.page.waitForTimeout(200);
    }
    assert.ok(normalizeText(shown).includes(want), `panel output ${JSON.stringify(shown.slice(0, 300))} does not show the streamed text ${JSON.stringify(expected.text.slice(0, 300))}`);
    await view.locator('[data-testid="status"][data-status="completed"]').waitFor({ state: 'visible', timeout: 10_000 });

    const figure = async (testId: string): Promise<number> => {
      const text = await view.locator(`[data-testid="${testId}"]`).first().innerText({ timeout: 10_000 });
      const match = /([\d,]+)\s*$/.exec(text.replace(/\s+/g, ' ').trim()) ?? /([\d,]+)/.exec(text);
      assert.ok(match, `no number in ${testId}: ${JSON.stringify(text)}`);
      return Number((match[1] as string).replace(/,/g, ''));
    };
    const outputTokens = await figure('usage-output');
    const inputTokens = await figure('usage-input');
    if (expected.completionTokens !== undefined) assert.strictEqual(outputTokens, expected.completionTokens, 'output tokens in the panel differ from what the server reported');
    else assert.ok(outputTokens > 0, 'no output tokens shown');
    assert.ok(inputTokens > 0, 'no input tokens shown');
    await wb.screenshot('output-panel');
  });

  it('cancels a slow task from its row and files it under Cancelled', async function () {
    const title = SLOW_PROMPT.slice(0, 30);
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(SLOW_PROMPT);
    await wb.submitInput();
    await wb.waitForRowInGroup(title, 'Running', 30_000);
    await browser.page.waitForTimeout(1_500); // let a little output stream
    await wb.screenshot('slow-task-running');
    try {
      await wb.clickInlineAction(title, 'Cancel Task');
      console.log('      (cancelled with the row\'s inline Cancel Task button)');
    } catch {
      // The inline button is only shown on hover/focus; the palette works everywhere.
      await wb.runCommand('AI Tasks: Cancel Task');
      await wb.pickIfAsked(title);
      console.log('      (cancelled with the command palette: the inline button was not found)');
    }
    await wb.waitForRowInGroup(title, 'Cancelled', 20_000);
    await wb.screenshot('slow-task-cancelled');
    // Clicking the row shows that task in the panel, marked cancelled.
    await wb.sidebarRow(title).click();
    await wb.webview().locator('[data-testid="status"][data-status="cancelled"]').waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('cancelled-task-output');
  });
});
