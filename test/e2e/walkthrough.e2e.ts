// End to end, as a new user: a fresh profile with no provider set up. The empty view says to connect
// a provider and opens the walkthrough; each of its five steps is then done for real (Connect a
// Provider to a local server, a key box, a first prompt, a batch of files and its results, the
// statistics) and the test checks that the Welcome page ticks it. The walkthrough's images are
// taken along the way from the real UI (test-results/e2e-walkthrough/media/; ATQ_UPDATE_MEDIA=1
// also replaces media/walkthrough/ and media/readme/). A fake OpenAI-compatible server in this
// process stands in for LM Studio; its answers are fixed texts, not a model's.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import { boxAround, saveMedia, type Box } from '../harness/mediaShots';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-walkthrough');
const MODELS = ['qwen2.5-7b-instruct', 'llama-3.2-3b-instruct'];
const PROMPT = 'What is a priority queue? Two sentences.';
const BATCH_PROMPT = 'Review this file and list concrete problems';
const FILES = ['queue.ts', 'retry.ts', 'budget.ts'];
const ANSWERS: readonly [RegExp, string][] = [
  [/priority queue/, 'A priority queue hands out its items by priority rather than by arrival: the most urgent item comes first. Items of equal priority usually leave in the order they came, as in a line at a counter.'],
  [/queue\.ts/, '1. `take()` returns `undefined` on an empty queue without saying so; callers never check.\n2. `push` sorts the whole array on every insert: O(n log n) per task. A binary heap keeps it at O(log n).'],
  [/retry\.ts/, '1. The backoff has no upper bound: after ten failures it waits over eight minutes.\n2. No jitter, so clients that failed together retry together.'],
  [/budget\.ts/, '1. Money is added as floating point; round to cents only when showing it.\n2. `reset()` is never called at midnight, so the daily limit never resets.'],
];
/** The top `height` pixels of a box: the pictures show what is at the top, not empty space. */
const topOf = (box: Box, height: number): Box => ({ ...box, height: Math.min(box.height, height) });
const source = (name: string): string => `// ${name}\nexport function ${name.replace('.ts', '')}Example(items: number[]): number[] {\n  return items.sort((a, b) => a - b);\n}\n`;

describe('Walkthrough end to end: a new user from no provider to statistics, every step ticked by the real action', function () {
  this.timeout(240_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const step = (id: string): Locator => browser.page.locator(`button.getting-started-step[data-step-id$="${id}"]`).first();

  async function stepDone(id: string, timeoutMs = 15_000): Promise<void> {
    await openWalkthrough();
    const deadline = Date.now() + timeoutMs;
    while ((await step(id).getAttribute('aria-checked')) !== 'true') {
      assert.ok(Date.now() < deadline, `the walkthrough did not tick "${id}"`);
      await browser.page.waitForTimeout(200);
    }
  }

  async function openWalkthrough(): Promise<void> {
    if (await step('chooseProvider').isVisible().catch(() => false)) return;
    await wb.runCommand('AI Tasks: Get Started');
    await step('chooseProvider').waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** The palette's "Focus on Tasks View" opens the side bar on the view even when the side bar was hidden. */
  async function showTaskQueue(): Promise<void> {
    // Its activity bar item shows once the workbench has read the extension's contributions.
    await wb.activityBarItem('AI Task Queue').waitFor({ state: 'visible', timeout: 30_000 });
    await wb.runCommand('AI Task Queue: Focus on Tasks View');
    await browser.page.locator('.part.sidebar .composite.title').filter({ hasText: 'AI Task Queue' }).waitFor({ state: 'visible', timeout: 10_000 });
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-walkthrough-ws-');
    fs.mkdirSync(path.join(workspace, 'src'));
    for (const file of FILES) fs.writeFileSync(path.join(workspace, 'src', file), source(file));
    fake = await startFakeOpenAiServer({
      models: MODELS,
      chunkDelayMs: 15,
      fault: (request) => {
        const text = request.rawBody;
        const answer = ANSWERS.find(([pattern]) => pattern.test(text));
        return answer ? { kind: 'reply', text: answer[1], chunkDelayMs: 15 } : undefined;
      },
    });
    // No provider settings at all: what a person has after installing.
    session = await startE2eSession({ outDir, workspace, userSettings: {}, viewport: { width: 1180, height: 740 } });
    ({ browser, wb } = session);
  });

  after(async function () {
    this.timeout(30_000);
    if (wb && this.currentTest?.state === 'failed') await wb.screenshot('failure').catch(() => undefined);
    await session?.close();
    await fake?.close();
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('the empty view says to connect a provider first and opens the walkthrough, with no step ticked', async function () {
    await showTaskQueue();
    const welcome = browser.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await welcome.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /First connect a provider/, text);
    await welcome.getByRole('button', { name: 'Connect a Provider…' }).waitFor({ state: 'visible' });
    await wb.screenshot('welcome-view');
    await saveMedia(browser.page, outDir, 'readme', 'welcome-view', await boxAround(browser.page, [browser.page.locator('.part.sidebar')], 0));
    await welcome.getByRole('button', { name: 'walkthrough' }).click();
    await step('chooseProvider').waitFor({ state: 'visible', timeout: 20_000 });
    for (const id of ['chooseProvider', 'keyOrUrl', 'firstPrompt', 'batchReview', 'statsBudgets']) assert.strictEqual(await step(id).getAttribute('aria-checked'), 'false', id);
    await wb.screenshot('walkthrough-start');
  });

  it('Connect a Provider (from the step) sets up a local server by its URL, checks it answers, and ticks the first two steps', async function () {
    await step('chooseProvider').click();
    const button = browser.page.locator('.getting-started-step .button-link, .getting-started-step a, .gettingStartedSlide .button-link').filter({ hasText: 'Connect a Provider…' }).first();
    // The Welcome page can take the focus back just after the list opens (it re-renders the step it
    // expanded), which closes the list: press the button again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await button.waitFor({ state: 'visible', timeout: 10_000 });
      await button.click();
      const row = wb.quickInputRow('A local server');
      const picked = await row
        .waitFor({ state: 'visible', timeout: 10_000 })
        .then(async () => {
          await browser.page.waitForTimeout(700);
          if (!(await row.isVisible())) return false;
          await saveMedia(browser.page, outDir, 'walkthrough', 'choose-provider', await boxAround(browser.page, [wb.quickInput], 1));
          await row.click({ timeout: 3_000 });
          return true;
        })
        .catch(() => false);
      if (picked) break;
      assert.ok(attempt < 3, 'the Connect a Provider list closed by itself three times');
    }
    await wb.quickInputRow('LM Studio').waitFor({ state: 'visible', timeout: 10_000 });
    await wb.chooseRow(wb.quickInputRow('LM Studio'));
    // The list stays open (empty value) for a moment before the URL box replaces it.
    let url = '';
    const until = Date.now() + 10_000;
    while (!url && Date.now() < until) {
      url = await wb.quickInputBox.inputValue().catch(() => '');
      if (!url) await browser.page.waitForTimeout(100);
    }
    assert.strictEqual(url, 'http://127.0.0.1:1234/v1', 'the URL box starts at LM Studio\'s default');
    await wb.quickInputBox.fill(fake.baseUrl);
    await browser.page.keyboard.press('Enter');
    // The server answered with its models: pick the first.
    await wb.quickInputRow(MODELS[0]!).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('connect-pick-model');
    await wb.quickInputRow(MODELS[0]!).click();
    await stepDone('chooseProvider');
    await stepDone('keyOrUrl');
    await wb.screenshot('walkthrough-connected');
  });

  it('Set API Key… shows a password box (the key-or-URL picture)', async function () {
    await wb.runCommand('AI Tasks: Set API Key…');
    await wb.quickInputRow('OpenAI').waitFor({ state: 'visible', timeout: 10_000 });
    await wb.quickInputRow('OpenAI').click();
    const box = browser.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill('sk-example-not-a-real-key');
    await saveMedia(browser.page, outDir, 'walkthrough', 'key-or-url', await boxAround(browser.page, [wb.quickInput], 1));
    await wb.closeQuickInput();
  });

  it('a first prompt runs on the connected server, streams into the panel and ticks "Run a first prompt"', async function () {
    await wb.runCommand('View: Close All Editors');
    await showTaskQueue();
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(PROMPT);
    await browser.page.waitForTimeout(600);
    await saveMedia(browser.page, outDir, 'readme', 'prompt-box', await boxAround(browser.page, [wb.quickInput], 1));
    await wb.submitInput();
    await showTaskQueue();
    await wb.waitForRowInGroup(PROMPT.slice(0, 25), 'Completed', 60_000);
    const output = wb.webview().locator('[data-testid="output"]');
    await output.waitFor({ state: 'visible', timeout: 20_000 });
    await wb.webview().locator('[data-testid="status"][data-status="completed"]').waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await wb.webview().locator('[data-testid="provider"]').innerText(), /LM Studio/);
    await browser.page.waitForTimeout(500);
    await saveMedia(browser.page, outDir, 'walkthrough', 'first-prompt', topOf(await boxAround(browser.page, [browser.page.locator('.part.sidebar'), browser.page.locator('.part.editor')], 0), 380));
    await stepDone('firstPrompt');
  });

  it('a batch on a folder, then Show Batch Results, ticks "Run on several files and review"', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.openViewContainer('Explorer');
    const folder = browser.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: /^src$/ }) }).first();
    await folder.waitFor({ state: 'visible', timeout: 20_000 });
    await folder.click({ button: 'right' });
    await wb.chooseMenuItem('Run Prompt on Files… (Batch)', () => folder.click({ button: 'right' }));
    await wb.submitInput(); // Enter runs the suggested prompt on the three files
    await showTaskQueue();
    const batchRow = wb.sidebarRow(BATCH_PROMPT.slice(0, 20));
    await batchRow.waitFor({ state: 'visible', timeout: 30_000 });
    const deadline = Date.now() + 60_000;
    while (!/3\/3 done/.test(await batchRow.innerText())) {
      assert.ok(Date.now() < deadline, `the batch did not finish: ${await batchRow.innerText()}`);
      await browser.page.waitForTimeout(300);
    }
    await wb.runCommand('AI Tasks: Show Batch Results');
    await wb.pickIfAsked(BATCH_PROMPT.slice(0, 20), 3_000);
    const results = browser.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await results.locator('table').first().waitFor({ state: 'visible', timeout: 20_000 }).catch(() => undefined);
    await browser.page.waitForTimeout(1_000);
    await saveMedia(browser.page, outDir, 'walkthrough', 'batch-review', topOf(await boxAround(browser.page, [browser.page.locator('.part.sidebar'), browser.page.locator('.part.editor')], 0), 420));
    await stepDone('batchReview');
  });

  it('Show Statistics ticks the last step; the walkthrough shows all five done', async function () {
    await wb.runCommand('View: Close All Editors');
    // The statistics open as a Markdown preview tab ("Preview AI Task Statistics.md"). On a loaded
    // machine the Welcome page can take the palette's focus so the command never runs: then, as a
    // person would, the test runs it again.
    const statsTab = browser.page.locator('.tabs-container .tab').filter({ hasText: 'AI Task Statistics' }).first();
    for (let attempt = 1; ; attempt++) {
      await wb.runCommand('AI Tasks: Show Statistics');
      const opened = await statsTab.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (opened) break;
      assert.ok(attempt < 3, 'Show Statistics opened no statistics tab');
    }
    await browser.page.waitForTimeout(2_500);
    await saveMedia(browser.page, outDir, 'walkthrough', 'statistics', topOf(await boxAround(browser.page, [browser.page.locator('.part.editor')], 0), 520));
    await stepDone('statsBudgets');
    for (const id of ['chooseProvider', 'keyOrUrl', 'firstPrompt', 'batchReview', 'statsBudgets']) assert.strictEqual(await step(id).getAttribute('aria-checked'), 'true', id);
    await wb.screenshot('walkthrough-all-done');
  });
});
