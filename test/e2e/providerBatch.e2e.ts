// End to end, as a person: a batch of files is offered as a provider batch in its confirmation,
// with its cost at batch prices and the wait; choosing it sends nothing through the local queue,
// makes one batch at the (fake) OpenAI Batch API, and the tree shows the job with the provider's
// status and counts above its tasks, which wait at the provider. Cancelling it from its row asks
// first, then calls the provider's cancel. Real VS Code workbench (code-server) in Chromium, the
// packaged .vsix, a fake OpenAI server in this process. Screenshots: test-results/e2e-provider-batch/.
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

const outDir = path.join(resultsDir, 'e2e-provider-batch');
const KEY = 'sk-e2e-batch-0123456789abcdef';
const FILES = ['report-1.md', 'report-2.md', 'report-3.md'];

describe('Provider batches end to end: offered in the batch confirmation, shown in the tree, cancelled from it', function () {
  this.timeout(120_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const dialog = (): Locator => browser.page.locator('.monaco-dialog-box');

  async function runBatchFromExplorer(command = 'Run Prompt on Files… (Batch)'): Promise<void> {
    await wb.openViewContainer('Explorer');
    const fileRow = (name: string): Locator => browser.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: name }) }).first();
    const first = fileRow(FILES[0]!);
    const last = fileRow(FILES[FILES.length - 1]!);
    await first.waitFor({ state: 'visible', timeout: 20_000 });
    const selected = browser.page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]');
    const item = browser.page.locator('.monaco-menu .action-item').filter({ hasText: command }).first();
    // The Explorer may re-render right after the window opens and drop a selection: select again until it holds.
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
    await item.click();
    // A click while the menu is still laying itself out can leave it open with the item highlighted: Enter runs it then.
    const menu = browser.page.locator('.monaco-menu').first();
    if (!(await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false))) await browser.page.keyboard.press('Enter');
    await wb.waitForCommandInput(20_000);
  }

  async function waitForRow(pattern: RegExp, timeoutMs = 20_000): Promise<{ label: string; description: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = (await wb.sidebarTreeRows()).find((r) => pattern.test(`${r.label} ${r.description}`));
      if (row) return row;
      if (Date.now() > deadline) throw new Error(`no tree row matched ${pattern}: ${JSON.stringify(await wb.sidebarTreeRows())}`);
      await browser.page.waitForTimeout(200);
    }
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-batch-ws-');
    for (const [i, file] of FILES.entries()) fs.writeFileSync(path.join(workspace, file), `# Report ${i + 1}\n\n${'Quarterly figures and their notes. '.repeat(4000)}\n`);
    fs.mkdirSync(path.join(workspace, '.github', 'prompts'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.github', 'prompts', 'summarize.prompt.md'), ['---', 'description: One paragraph per report', 'maxOutputTokens: 300', '---', 'Summarize ${fileBasename}:', '', '${fileContent}'].join('\n'));
    // A batch that stays in progress for the whole test: the product checks it at most once a minute.
    fake = await startFakeOpenAiServer({ apiKey: KEY, models: ['gpt-4.1', 'gpt-4o-mini'], batches: { timings: { validatingMs: 200, inProgressMs: 600_000 } } });
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

  it('the batch confirmation offers "Run as Provider Batch" with the cost at batch prices and the wait', async function () {
    await runBatchFromExplorer();
    await browser.page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'visible', timeout: 15_000 });
    const question = (await dialog().innerText()).replace(/\s+/g, ' ').trim();
    await wb.screenshot('confirmation-with-provider-batch');
    assert.match(question, /Run 3 tasks \(3 files\) on gpt-4\.1\?/, question);
    const local = /[\d,]+ input tokens in all · \$(\d+\.\d+) – \$(\d+\.\d+)/.exec(question);
    const batch = /Run as Provider Batch: \$(\d+\.\d+) – \$(\d+\.\d+) at OpenAI's batch prices \(50 % cheaper\)\./.exec(question);
    assert.ok(local && batch, question);
    assert.ok(Math.abs(Number(batch[1]) - Number(local[1]) / 2) <= 0.0001 + Number(local[1]) * 0.01, `batch input cost ${batch[1]} is not half of ${local[1]}`);
    assert.match(question, /Results within 24 h, usually sooner; the tasks wait at OpenAI meanwhile\./, question);
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.ok(buttons.includes('Run 3 Tasks') && buttons.includes('Run as Provider Batch'), JSON.stringify(buttons));
  });

  it('"Run as Provider Batch" sends one batch to the provider and nothing through the local queue; the tree shows the job and its waiting tasks', async function () {
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: /^Run as Provider Batch$/ }).click();
    await dialog().waitFor({ state: 'hidden', timeout: 5_000 });
    await wb.openViewContainer('AI Task Queue');
    const job = await waitForRow(/OpenAI · (validating|in progress) · 0 \/ 3 done/);
    await waitForRow(/^Provider Batches \(1 running\)/);
    // The tasks are rows of their batch's node (the tree groups by batch), which is not done while they wait.
    const batchNode = browser.page.locator('.part.sidebar .monaco-list-row').filter({ has: browser.page.locator('.label-description', { hasText: /^3 files · 0\/3 done/ }) }).first();
    await batchNode.waitFor({ state: 'visible', timeout: 20_000 });
    if ((await batchNode.getAttribute('aria-expanded')) === 'false') await batchNode.click();
    const waiting = await waitForRow(/report-1\.md/);
    // The output panel shows the first task, waiting at the provider with the provider's status.
    const status = wb.webview().locator('[data-testid="status"][data-status="waiting"]');
    await status.waitFor({ state: 'visible', timeout: 20_000 });
    const panelText = (await wb.webview().locator('body').innerText()).replace(/\s+/g, ' ');
    assert.match(panelText, /at OpenAI: (validating|in progress)/, panelText);
    await wb.sidebarRow(job.label).hover();
    await browser.page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await wb.screenshot('tree-provider-batch-in-progress');
    assert.match(job.label, /— 3 files$/, job.label);
    assert.match(waiting.description, /at OpenAI: (validating|in progress)/, waiting.description);
    assert.strictEqual(fake.batches.batches.size, 1);
    assert.strictEqual([...fake.batches.batches.values()][0]!.requests.length, 3);
    assert.ok(!fake.requests.some((r) => r.path.startsWith('/v1/chat/completions')), 'a request went through the local queue');
  });

  it('Cancel Provider Batch on the job row asks first, then calls the provider’s cancel', async function () {
    const job = await waitForRow(/OpenAI · (validating|in progress)/);
    await wb.clickInlineAction(job.label, 'Cancel Provider Batch…');
    await dialog().waitFor({ state: 'visible', timeout: 10_000 });
    const question = (await dialog().innerText()).replace(/\s+/g, ' ').trim();
    await wb.screenshot('cancel-provider-batch-question');
    assert.match(question, /Cancel the OpenAI provider batch ".*"\?/, question);
    assert.match(question, /Requests already done keep their results and are billed\./, question);
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: /^Cancel Provider Batch$/ }).click();
    const deadline = Date.now() + 15_000;
    while (!fake.requests.some((r) => r.method === 'POST' && /^\/v1\/batches\/[^/]+\/cancel$/.test(r.path))) {
      assert.ok(Date.now() < deadline, 'the provider’s cancel was not called');
      await browser.page.waitForTimeout(200);
    }
    await waitForRow(/OpenAI · cancelling/);
    await wb.screenshot('tree-provider-batch-cancelling');
  });
  it('a prompt file run over the files is offered as a provider batch too, and goes as one, with its own output cap', async function () {
    await runBatchFromExplorer('Run Prompt File on Files… (Batch)');
    await wb.pickIfAsked('summarize', 10_000);
    await dialog().waitFor({ state: 'visible', timeout: 15_000 });
    const question = (await dialog().innerText()).replace(/\s+/g, ' ').trim();
    await wb.screenshot('prompt-file-confirmation-with-provider-batch');
    assert.match(question, /Run as Provider Batch: .* at OpenAI's batch prices \(50 % cheaper\)\./, question);
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: /^Run as Provider Batch$/ }).click();
    await dialog().waitFor({ state: 'hidden', timeout: 5_000 });
    await wb.openViewContainer('AI Task Queue');
    const job = await waitForRow(/^summarize — 3 files .*OpenAI · (validating|in progress) · 0 \/ 3 done/);
    await wb.screenshot('tree-prompt-file-provider-batch');
    assert.strictEqual(fake.batches.batches.size, 2, job.label);
    const sent = [...fake.batches.batches.values()][1]!.requests;
    assert.strictEqual(sent.length, 3);
    for (const file of FILES) assert.ok(sent.some((r) => r.prompt.includes(`Summarize ${file}:`)), `the batch does not hold the prompt for ${file}`);
    // The uploaded JSONL (the last file upload) carries the prompt file's cap on every line.
    const upload = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files').pop()?.rawBody ?? '';
    assert.strictEqual(upload.split('"max_completion_tokens":300').length - 1, 3, 'the prompt file’s output cap did not reach every request of the batch');
    assert.ok(!fake.requests.some((r) => r.path.startsWith('/v1/chat/completions')), 'a request went through the local queue');
  });
});
