// End to end, as a person: the cost of a run is shown before it is queued. Typing in "Run
// Prompt…" shows the input tokens (counted by OpenAI's real tokenizer) and the cost range under
// the box; a three-file batch from the Explorer shows its totals under the box, then asks in a
// modal with the figures and a cheaper model. Cancel queues nothing; "Use gpt-4o-mini" queues the
// batch on that model. Real VS Code workbench (code-server) in Chromium, the packaged .vsix, a fake
// OpenAI server in this process (priced as OpenAI). Run by scripts/test.sh in the e2e stage.
// Screenshots: test-results/e2e-cost/screenshots/*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-cost');
const KEY = 'sk-e2e-cost-0123456789abcdef';
const MODELS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o-mini'];
const FILES = ['module-1.ts', 'module-2.ts', 'module-3.ts'];

/** About 40 KB of ordinary code per file: a batch worth a question at gpt-4.1's prices. */
function moduleSource(n: number): string {
  const lines = Array.from({ length: 700 }, (_, i) => `export function step${n}_${i}(input: number): number {\n  return input * ${i + 1} + ${n};\n}\n`);
  return `// Module ${n}\n${lines.join('')}`;
}

describe('Cost estimates end to end: the prompt box and the batch confirmation', function () {
  this.timeout(120_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const dialog = (): Locator => browser.page.locator('.monaco-dialog-box');
  const chatRequests = (): { model?: unknown }[] => fake.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).map((r) => r.body as { model?: unknown });

  /** The text of the open quick input (title, message under the box, value). */
  async function quickInputText(): Promise<string> {
    return (await wb.quickInput.innerText()).replace(/\s+/g, ' ').trim();
  }

  async function waitForQuickInputText(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await quickInputText().catch(() => '');
      if (pattern.test(text)) return text;
      await browser.page.waitForTimeout(150);
    }
    throw new Error(`the quick input never showed ${pattern}; it shows: ${text}`);
  }

  /** Selects every file of FILES in the Explorer and opens the batch command from its context menu. */
  async function runBatchFromExplorer(): Promise<void> {
    await wb.openViewContainer('Explorer');
    const fileRow = (name: string): Locator => browser.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: name }) }).first();
    const first = fileRow(FILES[0] as string);
    const last = fileRow(FILES[FILES.length - 1] as string);
    await first.waitFor({ state: 'visible', timeout: 20_000 });
    const selected = browser.page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]');
    const item = browser.page.locator('.monaco-menu .action-item').filter({ hasText: 'Run Prompt on Files… (Batch)' }).first();
    // As in cancelAll.e2e.ts: the Explorer may re-render right after the window opens and drop a
    // selection, so like a person the test selects again until the menu is for all the files.
    for (let attempt = 1; ; attempt++) {
      await first.click({ modifiers: ['ControlOrMeta'] });
      await last.click({ modifiers: ['Shift'] });
      await browser.page.waitForTimeout(300);
      if ((await selected.count()) === FILES.length) {
        await last.click({ button: 'right' });
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        if ((await selected.count()) === FILES.length) break;
      }
      assert.ok(attempt < 4, `the Explorer did not keep ${FILES.length} files selected`);
      await browser.page.keyboard.press('Escape');
      await browser.page.waitForTimeout(500);
    }
    await wb.chooseMenuItem('Run Prompt on Files… (Batch)', () => last.click({ button: 'right' }));
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-cost-ws-');
    for (const [i, file] of FILES.entries()) fs.writeFileSync(path.join(workspace, file), moduleSource(i + 1));
    fake = await startFakeOpenAiServer({ apiKey: KEY, models: MODELS, chunkDelayMs: 10 });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openai.enabled': true,
        'aiTaskQueue.providers.openai.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openai.model': 'gpt-4.1',
        'aiTaskQueue.defaultProvider': 'openai',
      },
    });
    ({ browser, wb } = session);
    await wb.openViewContainer('AI Task Queue');
    // The key goes in through the real password box, as a person sets it.
    await wb.setApiKey('OpenAI', KEY);
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

  it('Run Prompt… shows the input tokens (o200k_base tokenizer) and the cost range under the box as the user types', async function () {
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput('Explain the difference between TCP and UDP in two short paragraphs');
    // The first count (of the empty box) is replaced as the text arrives.
    const text = await waitForQuickInputText(/\b18 input tokens \(o200k_base tokenizer\)/);
    await wb.screenshot('prompt-box-estimate');
    // 11 tokens of text (o200k_base) + 4 for the message + 3 priming the reply = 18; gpt-4.1: $2 in, $8 out per 1M, output cap 32,768.
    // The rows under the prompt say where and how it runs.
    assert.match(text, /Model: gpt-4\.1\s*OpenAI — change for this task/, text);
    assert.match(text, /Priority: normal\s*change for this task/, text);
    assert.match(text, /\b18 input tokens \(o200k_base tokenizer\) · \$0\.000036 – \$0\.2622 \(input, up to 32,768 output tokens\)/, text);
    await wb.closeQuickInput();
    assert.strictEqual(chatRequests().length, 0);
  });

  it('a three-file batch shows its totals under the box, then asks with the figures and a cheaper model; Cancel queues nothing', async function () {
    await runBatchFromExplorer();
    const text = await waitForQuickInputText(/3 tasks: [\d,]+ input tokens · \$/);
    await wb.screenshot('batch-prompt-box-estimate');
    assert.match(text, /AI Tasks: Run Prompt on 3 Files/, text);
    await browser.page.keyboard.press('Enter');

    await dialog().waitFor({ state: 'visible', timeout: 15_000 });
    const question = (await dialog().innerText()).replace(/\s+/g, ' ').trim();
    await wb.screenshot('batch-confirmation');
    assert.match(question, /Run 3 tasks \(3 files\) on gpt-4\.1\?/, question);
    assert.match(question, /[\d,]+ input tokens in all · \$\d+\.\d+ – \$\d+\.\d+/, question);
    assert.match(question, /Counted with the o200k_base tokenizer; up to 32,768 output tokens per task\./, question);
    assert.match(question, /It could cost up to \$\d+\.\d+, above your \$0\.50 confirmation threshold\./, question);
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.ok(buttons.includes('Run 3 Tasks'), JSON.stringify(buttons));
    assert.ok(buttons.some((b) => /^Use gpt-4o-mini \(\$[\d.]+ – \$[\d.]+\)$/.test(b)), `no cheaper model offered: ${JSON.stringify(buttons)}`);

    await dialog().locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog().waitFor({ state: 'hidden', timeout: 5_000 });
    await browser.page.waitForTimeout(1_000);
    assert.strictEqual(chatRequests().length, 0, 'a request went out after Cancel');
    await wb.openViewContainer('AI Task Queue');
    assert.deepStrictEqual((await wb.sidebarTreeRows()).map((r) => r.label), [], 'tasks were queued after Cancel');
  });

  it('"Use gpt-4o-mini" queues the batch on the cheaper model', async function () {
    await runBatchFromExplorer();
    await waitForQuickInputText(/3 tasks: /);
    await browser.page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'visible', timeout: 15_000 });
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: /^Use gpt-4o-mini/ }).click();
    const deadline = Date.now() + 30_000;
    while (chatRequests().length < FILES.length) {
      assert.ok(Date.now() < deadline, `only ${chatRequests().length} requests reached the fake`);
      await browser.page.waitForTimeout(200);
    }
    assert.deepStrictEqual(chatRequests().map((b) => b.model), ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini']);
    await wb.openViewContainer('AI Task Queue');
    await wb.screenshot('batch-on-cheaper-model');
  });
});
