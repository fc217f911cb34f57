// End to end, as a person: prompt files and quality in the real workbench (code-server) in
// Chromium, against a fake OpenAI-compatible server in this process. A three-step workflow run
// from the ▷ in the prompt file's editor title shows "Step 2 of 3 — draft" in the tree and the
// panel while step 2 streams; a prompt file with checks, run on two models, shows its score in the
// tree and the panel, takes a Good rating from the keyboard, and statistics compare score and ratings per
// model and per prompt version. Screenshots: test-results/e2e-prompt-files/screenshots/*.png.
//   node esbuild.js --tests && ATQ_EXTENSION_PATH=. node_modules/.bin/mocha --no-config --timeout 300000 out/test/e2e/promptFiles.e2e.js
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-prompt-files');

const WORKFLOW = [
  '---',
  'description: Write a short post in three steps',
  'name: Blog post',
  '---',
  'The post is about HTTP caching.',
  '',
  '## Step: outline',
  'Write an outline of five sections.',
  '',
  '## Step: draft',
  'Write the post from this outline [slow]:',
  '',
  '${step:outline}',
  '',
  '## Step: edit',
  'Tighten this draft: ${step:draft}',
].join('\n');

const REVIEW = (model: string): string =>
  [
    '---',
    'description: Review notes',
    'name: Review notes',
    `model: ${model}`,
    'checks:',
    '  - contains: Simulated reply',
    '  - notContains: As an AI',
    '  - maxLength: 40',
    '---',
    'Review ${fileBasename} and list problems.',
  ].join('\n');

describe('Prompt files end to end: a workflow in progress, scores per model, the rating buttons', function () {
  this.timeout(180_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-pf-ws-');
    fs.mkdirSync(path.join(workspace, '.github', 'prompts'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.github', 'prompts', 'post.prompt.md'), WORKFLOW);
    fs.writeFileSync(path.join(workspace, '.github', 'prompts', 'review.prompt.md'), REVIEW('gpt-4o-mini'));
    fs.writeFileSync(path.join(workspace, 'notes.md'), '# Notes\n\nCaching rules, first draft.\n');
    fake = await startFakeOpenAiServer({ models: ['gpt-4o-mini', 'gpt-4.1-mini'], chunkDelayMs: 10, slowChunkDelayMs: 1_000, slowChunkCount: 30 });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: { 'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl, 'aiTaskQueue.providers.openaiCompatible.model': 'gpt-4o-mini' },
    });
    ({ browser, wb } = session);
    await wb.openViewContainer('AI Task Queue');
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await fake?.close();
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  /** Quick Open (the palette without ">"), as a person opens a file by name. */
  async function openFile(name: string): Promise<void> {
    await wb.closeQuickInput();
    await browser.page.keyboard.press('F1');
    await wb.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.locator('.quick-input-widget .quick-input-box input').fill(name);
    await wb.quickInputRow(name).click({ timeout: 15_000 });
    await browser.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 15_000 });
  }

  it('a workflow run from the editor title shows step 2 of 3 in the tree and the panel while it streams', async function () {
    await openFile('post.prompt.md');
    const run = browser.page.locator('.editor-actions .action-label[aria-label^="Run Prompt File"]').first();
    await run.waitFor({ state: 'visible', timeout: 15_000 });
    await run.click();
    const row = wb.sidebarRow(/^Blog post/);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await browser.page.locator('.monaco-list-row', { hasText: 'step 2 of 3 — draft' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const headline = wb.webview().locator('[data-testid="step-headline"]');
    await headline.filter({ hasText: 'Step 2 of 3 — draft' }).waitFor({ state: 'visible', timeout: 20_000 });
    // Let a few chunks of step 2 arrive, so the screenshot shows its output streaming.
    await wb.webview().locator('[data-testid="output"]').filter({ hasText: 'Simulated' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await wb.webview().locator('[data-testid="workflow-progress"]').getAttribute('aria-valuenow'), '33');
    assert.strictEqual(await wb.webview().locator('[data-testid="step-1"]').getAttribute('data-step-status'), 'completed');
    assert.strictEqual(await wb.webview().locator('[data-testid="step-3"]').getAttribute('data-step-status'), 'pending');
    await wb.screenshot('workflow-in-progress');
    await wb.clickInlineAction('Blog post', 'Cancel Task');
    await wb.webview().locator('[data-testid="step-3"][data-step-status="skipped"]').waitFor({ state: 'attached', timeout: 15_000 });
    await wb.screenshot('workflow-cancelled-in-step-2');
  });

  it('a prompt file with checks, run on two models: score in the tree and the panel, a Good rating from the keyboard, statistics per model and version', async function () {
    await openFile('notes.md');
    await wb.runCommand('AI Tasks: Run Prompt File…');
    await wb.quickInputRow('review').first().click({ timeout: 10_000 });
    await browser.page.locator('.monaco-list-row', { hasText: 'score 67 %' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // The same prompt on another model: the front matter changes (a new version of the file).
    fs.writeFileSync(path.join(workspace, '.github', 'prompts', 'review.prompt.md'), REVIEW('gpt-4.1-mini'));
    await openFile('notes.md');
    await wb.runCommand('AI Tasks: Run Prompt File…');
    await wb.quickInputRow('review').first().click({ timeout: 10_000 });
    await browser.page.locator('.monaco-list-row', { hasText: 'gpt-4.1-mini' }).filter({ hasText: 'score' }).first().waitFor({ state: 'visible', timeout: 30_000 });

    await browser.page.locator('.monaco-list-row', { hasText: 'gpt-4.1-mini' }).filter({ hasText: 'score' }).first().click();
    const score = wb.webview().locator('[data-testid="score"]');
    await score.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await score.innerText(), /Score 67 % — 2 of 3 checks passed[\s\S]*at most 40 characters — \d+ characters/);
    const up = wb.webview().locator('[data-testid="rate-up"]');
    await up.focus();
    await browser.page.keyboard.press('Enter');
    await wb.webview().locator('[data-testid="rate-up"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    await browser.page.locator('.monaco-list-row', { hasText: 'rated good' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await wb.webview().locator('[data-testid="quality"]').scrollIntoViewIfNeeded();
    await wb.screenshot('rating-buttons');

    await wb.runCommand('AI Tasks: Show Statistics');
    // The Markdown preview is a webview of its own: find the frame that shows the Quality section.
    let shown = false;
    for (let i = 0; i < 40 && !shown; i++) {
      for (const frame of browser.page.frames()) {
        const heading = frame.locator('h2', { hasText: /^Quality$/ });
        if ((await heading.count().catch(() => 0)) === 0) continue;
        await heading.first().scrollIntoViewIfNeeded();
        const text = await frame.locator('body').innerText();
        assert.match(text, /gpt-4o-mini\s+1\s+67 % \(1\)\s+0 good · 0 bad/, text);
        assert.match(text, /gpt-4\.1-mini\s+1\s+67 % \(1\)\s+1 good · 0 bad/, text);
        shown = true;
        break;
      }
      if (!shown) await browser.page.waitForTimeout(500);
    }
    assert.ok(shown, 'the statistics preview has no Quality section');
    await browser.page.waitForTimeout(500);
    await wb.screenshot('scores-per-model');
  });
});
