// End to end, as a person: results that land. A three-file batch from the Explorer (right-click a
// folder), its batch node in the tree, "Review and Apply" opening VS Code's Refactor Preview with
// every file and hunk, one file unticked, Apply, one undo; a 100-file batch with its node counting
// up and its results table (sort, filter); three models compared side by side. Real workbench
// (code-server) in Chromium, the packaged .vsix, a fake OpenAI-compatible server in this process
// that answers "[rewrite]" prompts with the file plus a comment on top and at the end.
// Screenshots: test-results/e2e-results/screenshots/*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-results');
const MODELS = ['model-a', 'model-b', 'model-c'];
const SMALL = ['alpha.ts', 'beta.ts', 'gamma.ts'];
const BIG = 100;
const REVIEW_PROMPT = 'Add a summary comment [rewrite]';
const BIG_PROMPT = 'Summarize each file [rewrite]';
const COMPARE_PROMPT = 'Name three uses of a priority queue';
const fileText = (name: string): string => Array.from({ length: 12 }, (_, i) => `export const ${name.replace(/\W/g, '_')}_${i + 1} = ${i + 1};`).join('\n') + '\n';

describe('Results end to end: batch node, Refactor Preview, results table, comparison side by side', function () {
  this.timeout(180_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const explorerRow = (name: string): Locator => browser.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).first();

  /** Right-click a folder in the Explorer → "Run Prompt on Files… (Batch)" → type the prompt → Enter. */
  async function runOnFolder(folder: string, prompt: string): Promise<void> {
    await wb.openViewContainer('Explorer');
    const row = explorerRow(folder);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click({ button: 'right' });
    await wb.chooseMenuItem('Run Prompt on Files… (Batch)', () => row.click({ button: 'right' }));
    await wb.typeInput(prompt);
    await wb.submitInput();
  }

  async function showTaskQueue(): Promise<void> {
    await wb.activityBarItem('AI Task Queue').locator('xpath=ancestor::li[1]').click();
    await browser.page.locator('.part.sidebar .composite.title').filter({ hasText: 'AI Task Queue' }).waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Hovers a tree row until its tooltip shows (the full label, progress and spend, for the screenshot). */
  async function hoverRow(label: string): Promise<void> {
    await wb.sidebarRow(label).hover();
    await browser.page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await browser.page.waitForTimeout(600);
  }

  /** The description of the tree row labelled `label` ("3 files · 3/3 done · $0"). */
  async function rowDescription(label: string): Promise<string> {
    const rows = await wb.sidebarTreeRows();
    return rows.find((r) => r.label === label)?.description ?? '';
  }

  async function waitForDescription(label: string, re: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      await wb.assertNoDialog();
      last = await rowDescription(label);
      if (re.test(last)) return last;
      await browser.page.waitForTimeout(150);
    }
    throw new Error(`row "${label}" never read ${re}; last: "${last}"; rows: ${(await wb.sidebarTreeRows()).map((r) => `${r.label} [${r.description}]`).join(' | ')}`);
  }

  /** The results webview's frame (the active one). */
  function resultsFrame(): FrameLocator {
    return wb.webview();
  }

  before(async function () {
    this.timeout(240_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-results-ws-');
    fs.mkdirSync(path.join(workspace, 'three'));
    for (const f of SMALL) fs.writeFileSync(path.join(workspace, 'three', f), fileText(f));
    fs.mkdirSync(path.join(workspace, 'hundred'));
    for (let i = 1; i <= BIG; i++) {
      const name = `module-${String(i).padStart(3, '0')}.ts`;
      fs.writeFileSync(path.join(workspace, 'hundred', name), `${fileText(name)}${i % 7 === 0 ? `export const big_${i} = '${'x'.repeat(i * 3)}';\n` : ''}`);
    }
    fake = await startFakeOpenAiServer({ models: MODELS, chunkDelayMs: 25 });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': MODELS[0],
        'aiTaskQueue.concurrency': 6,
        'workbench.editor.enablePreview': false,
      },
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

  it('a folder batch is one node in the tree, with progress, its rows named by file', async function () {
    await runOnFolder('three', REVIEW_PROMPT);
    await showTaskQueue();
    const description = await waitForDescription(REVIEW_PROMPT, /^3 files · 3\/3 done/, 60_000);
    assert.match(description, /^3 files · 3\/3 done · \$0$/, description);
    await hoverRow(REVIEW_PROMPT);
    await wb.screenshot('three-file-batch-node-tooltip');
    await wb.sidebarRow(REVIEW_PROMPT).click();
    await browser.page.waitForTimeout(400);
    const rows = await wb.sidebarTreeRows();
    for (const f of SMALL) assert.ok(rows.some((r) => r.label === `three/${f}`), `no row named three/${f}: ${rows.map((r) => r.label).join(', ')}`);
    await wb.screenshot('three-file-batch-node');
  });

  it('Review and Apply opens the Refactor Preview with every file and hunk; two files ticked, Apply, one undo reverts both', async function () {
    await wb.clickInlineAction(REVIEW_PROMPT, 'Review and Apply Batch Changes');
    const preview = browser.page.locator('.bulk-edit-panel');
    await preview.waitFor({ state: 'visible', timeout: 15_000 });
    const previewRow = (text: string): Locator => preview.locator('.monaco-list-row').filter({ hasText: text }).first();
    for (const f of SMALL) await previewRow(f).waitFor({ state: 'visible', timeout: 10_000 });
    const rows = await preview.locator('.monaco-list-row').allInnerTexts();
    const hunks = rows.filter((r) => /Summary: 12 lines|End\./.test(r));
    assert.strictEqual(hunks.length, 6, `two hunks per file in the preview: ${JSON.stringify(rows)}`);
    await wb.screenshot('refactor-preview-three-files-six-hunks');

    // Changes that need confirmation start unticked: tick alpha.ts and beta.ts (a file's box ticks its hunks).
    for (const f of ['alpha.ts', 'beta.ts']) await previewRow(f).locator('.edit-checkbox').first().click();
    await wb.screenshot('refactor-preview-two-files-ticked');
    await preview.locator('.buttons .monaco-button').filter({ hasText: /^Apply$/ }).click();
    await preview.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);

    const disk = (f: string): string => fs.readFileSync(path.join(workspace, 'three', f), 'utf8');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(disk('alpha.ts').startsWith('// Summary') && disk('beta.ts').startsWith('// Summary'))) await browser.page.waitForTimeout(200);
    assert.strictEqual(disk('alpha.ts'), `// Summary: 12 lines, reviewed by the simulator.\n${fileText('alpha.ts')}// End.\n`);
    assert.match(disk('beta.ts'), /^\/\/ Summary: 12 lines/);
    assert.strictEqual(disk('gamma.ts'), fileText('gamma.ts'), 'the file left unticked is unchanged');
    await wb.screenshot('applied-two-of-three');

    // One undo step for the whole edit: VS Code asks whether to undo it in both files.
    await wb.closeQuickInput();
    await browser.page.keyboard.press('ControlOrMeta+p');
    await wb.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.quickInputBox.fill('alpha.ts');
    await wb.quickInputRow('alpha.ts').waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.keyboard.press('Enter');
    await browser.page.locator('.tabs-container .tab').filter({ hasText: 'alpha.ts' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await browser.page.keyboard.press('ControlOrMeta+z');
    // VS Code may ask whether to undo in every file of the edit; the answer is yes.
    const dialog = browser.page.locator('.monaco-dialog-box');
    if (await dialog.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) {
      await wb.screenshot('undo-across-files-dialog');
      await dialog.locator('.dialog-buttons .monaco-button').filter({ hasText: /Undo in/ }).first().click();
    }
    await wb.runCommand('File: Save All Files');
    const undone = Date.now() + 10_000;
    while (Date.now() < undone && (disk('alpha.ts') !== fileText('alpha.ts') || disk('beta.ts') !== fileText('beta.ts'))) await browser.page.waitForTimeout(200);
    assert.strictEqual(disk('alpha.ts'), fileText('alpha.ts'), 'one undo reverted alpha.ts');
    assert.strictEqual(disk('beta.ts'), fileText('beta.ts'), 'the same undo reverted beta.ts');
  });

  it('a 100-file batch counts up in its node, and its results table lists, sorts and filters all 100', async function () {
    await wb.runCommand('View: Close All Editors');
    await runOnFolder('hundred', BIG_PROMPT);
    await showTaskQueue();
    const partial = await waitForDescription(BIG_PROMPT, /^100 files · ([1-9]|[1-9]\d)\/100 done/, 60_000);
    await hoverRow(BIG_PROMPT);
    await wb.screenshot('hundred-file-batch-in-progress');
    console.log(`      (batch node while running: ${partial})`);
    await waitForDescription(BIG_PROMPT, /^100 files · 100\/100 done · \$0$/, 150_000);
    await wb.runCommand('View: Close All Editors');
    await wb.clickInlineAction(BIG_PROMPT, 'Show Batch Results');
    const view = resultsFrame();
    const rows = view.locator('[data-testid="result-row"]');
    await view.locator('[data-testid="results-table"]').waitFor({ state: 'visible', timeout: 20_000 });
    const deadline = Date.now() + 10_000;
    while ((await rows.count()) < BIG && Date.now() < deadline) await browser.page.waitForTimeout(200);
    assert.strictEqual(await rows.count(), BIG);
    assert.match(await view.locator('[data-testid="results-progress"]').innerText(), /^100\/100 done · \$0$/);
    const renderMs = Number(await view.locator('.results-root').getAttribute('data-render-ms'));
    console.log(`      (results view: first render of ${BIG} rows took ${renderMs} ms in the webview)`);
    await wb.screenshot('results-table-100-files');

    await view.locator('th button[data-sort="tokens"]').click();
    await view.locator('th button[data-sort="tokens"]').click();
    await browser.page.waitForTimeout(300);
    const firstLabel = (await rows.first().locator('.row-open').innerText()).trim();
    assert.match(firstLabel, /module-098\.ts$/, `sorted by tokens, descending, the largest file comes first: ${firstLabel}`);
    await wb.screenshot('results-table-sorted-by-tokens');
    await view.locator('[data-testid="results-search"]').fill('module-00');
    await browser.page.waitForTimeout(300);
    assert.strictEqual(await rows.count(), 9, 'the search narrows the rows');
    await view.locator('[data-testid="filter-failed"]').count();
    await view.locator('[data-testid="results-search"]').fill('');
    await rows.first().locator('.row-open').click();
    await browser.page.locator('.tabs-container .tab').filter({ hasText: 'AI Task Output' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('three models compared side by side: one column each with its duration, tokens and cost', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('AI Tasks: Compare Models…');
    for (const model of MODELS) {
      const row = wb.quickInputRow(model);
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click().catch(async () => row.click());
    }
    await wb.screenshot('compare-three-models-picked');
    // OK, not Enter: Enter on a focused row of a multi-select pick toggles that row first.
    await wb.quickInput.locator('.monaco-button').filter({ hasText: /^OK$/ }).first().click();
    await wb.quickInput.locator('.quick-input-title').filter({ hasText: 'Compare 3 Models' }).waitFor({ state: 'visible', timeout: 10_000 });
    await wb.typeInput(COMPARE_PROMPT);
    await wb.submitInput();
    const view = resultsFrame();
    const columns = view.locator('[data-testid="compare-column"]');
    await columns.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await columns.count(), 3);
    const done = Date.now() + 60_000;
    while ((await view.locator('[data-testid="compare-column"][data-status="completed"]').count()) < 3 && Date.now() < done) await browser.page.waitForTimeout(250);
    assert.strictEqual(await view.locator('[data-testid="compare-column"][data-status="completed"]').count(), 3);
    for (const [i, model] of MODELS.entries()) {
      const column = columns.nth(i);
      assert.strictEqual((await column.locator('.compare-model').innerText()).trim(), model);
      assert.match(await column.locator('[data-testid="compare-tokens"]').innerText(), /^\d[\d,]* → \d[\d,]* tokens$/);
      assert.match(await column.locator('[data-testid="compare-output"]').innerText(), /Simulated reply to: Name three uses/);
    }
    await wb.screenshot('compare-three-models-side-by-side');
  });

  it('the results view comes back after the window reloads, with its rows', async function () {
    await wb.runCommand('Developer: Reload Window');
    await browser.page.waitForTimeout(1_000);
    await wb.waitReady();
    const view = resultsFrame();
    const columns = view.locator('[data-testid="compare-column"]');
    await columns.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await columns.count(), 3);
    assert.strictEqual(await view.locator('[data-testid="result-row"]').count(), 3);
    await wb.screenshot('compare-restored-after-reload');
  });
});
