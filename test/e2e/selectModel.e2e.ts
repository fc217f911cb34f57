// End to end, as a person: "AI Tasks: Select Model…" from F1 in a real VS Code workbench
// (code-server) in Chromium, with the packaged .vsix and fake OpenAI, Anthropic, Ollama and
// OpenAI-compatible servers running in this process (a dead port stands in for a stopped LM Studio).
// The person sees every provider as a separator with its live models, and a warning row for each
// provider that cannot list its models (no key / unreachable); sets a key from that row; picks a
// model; runs a prompt; and sees it complete on that provider and model in the output panel.
// Run by scripts/test.sh after workbench.e2e.js (same mocha command). Screenshots:
// test-results/e2e-select-model/screenshots/*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { startFakeOllamaServer, type FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { resultsDir } from '../harness/paths';
import { freePort, makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import { normalizeText, type Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-select-model');
const OPENAI_KEY = `sk-e2e-${Date.now().toString(36)}-openai-key`;
const ANTHROPIC_KEY = `sk-ant-e2e-${Date.now().toString(36)}-key`;
const OPENAI_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];
const ANTHROPIC_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5'];
const OLLAMA_MODEL = 'llama3.2:latest';
const LOCAL_MODEL = 'e2e-local-model';
const PROMPT = 'Summarize why queues help when many prompts run at once';

/** One row of the open quick pick, as the person sees it. */
interface PickRow {
  readonly label: string;
  readonly description: string;
  /** The separator label drawn on this row (the first row of a group), if any. */
  readonly separator: string;
}

interface DomNode {
  querySelector(selector: string): DomNode | null;
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

describe('Select Model… end to end: provider groups, problem rows, pick, run', function () {
  this.timeout(120_000);
  this.bail(true);

  let openai: FakeOpenAiServer;
  let anthropic: FakeAnthropicServer;
  let ollama: FakeOllamaServer;
  let compatible: FakeOpenAiServer;
  let deadPort: number;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  /** Rows of the open quick pick in display order (the list is short enough to be fully rendered). */
  async function pickRows(): Promise<PickRow[]> {
    const rows = await browser.page.locator('.quick-input-list .monaco-list-row').evaluateAll((elements: DomNode[]) =>
      elements.map((row) => ({
        index: Number(row.getAttribute('data-index') ?? '0'),
        label: (row.querySelector('.quick-input-list-label .label-name') ?? row.querySelector('.label-name'))?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        separator: row.querySelector('.quick-input-list-separator')?.textContent?.trim() ?? '',
      })),
    );
    return rows.sort((a, b) => a.index - b.index).map(({ label, description, separator }) => ({ label, description, separator }));
  }

  /** Waits until the pick shows a row whose label contains `text`; returns all rows then. */
  async function waitForPickRow(text: string, timeoutMs = 20_000): Promise<PickRow[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: PickRow[] = [];
    while (Date.now() < deadline) {
      rows = await pickRows();
      if (rows.some((r) => r.label.includes(text))) return rows;
      await browser.page.waitForTimeout(150);
    }
    throw new Error(`no quick pick row "${text}" within ${timeoutMs} ms; rows: ${JSON.stringify(rows)}`);
  }

  /** Types a key into the password box a command opened, and submits it. */
  async function enterKey(key: string): Promise<void> {
    const box = browser.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill(key);
    await wb.screenshot('api-key-password-box');
    await browser.page.keyboard.press('Enter');
    await wb.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Groups rows under the separator drawn above them: { "OpenAI": ["gpt-4o-mini", …], … }. */
  function groups(rows: readonly PickRow[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    let current = '';
    for (const row of rows) {
      if (row.separator) current = row.separator;
      (out[current] ??= []).push(row.label);
    }
    return out;
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-model-ws-');
    [openai, anthropic, ollama, compatible, deadPort] = await Promise.all([
      startFakeOpenAiServer({ apiKey: OPENAI_KEY, models: OPENAI_MODELS, chunkDelayMs: 30 }),
      startFakeAnthropicServer({ apiKey: ANTHROPIC_KEY, models: ANTHROPIC_MODELS }),
      startFakeOllamaServer({ models: [OLLAMA_MODEL] }),
      startFakeOpenAiServer({ models: [LOCAL_MODEL] }),
      freePort(),
    ]);
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openai.enabled': true,
        'aiTaskQueue.providers.openai.baseUrl': openai.baseUrl,
        'aiTaskQueue.providers.anthropic.enabled': true,
        'aiTaskQueue.providers.anthropic.baseUrl': anthropic.baseUrl,
        'aiTaskQueue.providers.ollama.enabled': true,
        'aiTaskQueue.providers.ollama.baseUrl': ollama.baseUrl,
        'aiTaskQueue.providers.lmstudio.enabled': true,
        'aiTaskQueue.providers.lmstudio.baseUrl': `http://127.0.0.1:${deadPort}/v1`,
        'aiTaskQueue.providers.openaiCompatible.baseUrl': compatible.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': LOCAL_MODEL,
      },
    });
    ({ browser, wb } = session);
    // The extension activates on startup finished; its view container shows when it has.
    await wb.openViewContainer('AI Task Queue');
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await Promise.all([openai?.close(), anthropic?.close(), ollama?.close(), compatible?.close()]);
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('groups live models under one separator per provider and explains the providers it cannot list', async function () {
    await wb.runCommand('AI Tasks: Select Model…');
    const rows = await waitForPickRow('LM Studio: unreachable');
    await wb.screenshot('select-model-without-keys');
    const byGroup = groups(rows);
    const text = JSON.stringify(byGroup);
    for (const separator of ['OpenAI', 'Anthropic', 'Ollama', 'LM Studio', `OpenAI-compatible server (${new URL(compatible.baseUrl).host})`, 'VS Code Language Models']) {
      assert.ok(byGroup[separator], `no "${separator}" separator in the pick: ${text}`);
    }
    // Keyed providers without a key, and a server that is not running: one clear row each.
    assert.match(byGroup.OpenAI?.join('|') ?? '', /OpenAI: needs an API key/, text);
    assert.match(byGroup.Anthropic?.join('|') ?? '', /Anthropic: needs an API key/, text);
    assert.match(byGroup['LM Studio']?.join('|') ?? '', /LM Studio: unreachable/, text);
    // Keyless local servers list what they serve.
    assert.deepStrictEqual(byGroup.Ollama, [OLLAMA_MODEL], text);
    assert.ok(byGroup[`OpenAI-compatible server (${new URL(compatible.baseUrl).host})`]?.some((l) => l.includes(LOCAL_MODEL)), text);
    // A bare code-server has no VS Code language models.
    assert.match(byGroup['VS Code Language Models']?.join('|') ?? '', /no models available/, text);
  });

  it('sets the OpenAI key from its warning row and the Anthropic key from "Set API Key…"; both providers then list their models', async function () {
    // Selecting the warning row asks for the key (a password box).
    await wb.quickInputRow('OpenAI: needs an API key').click();
    await enterKey(OPENAI_KEY);

    await wb.runCommand('AI Tasks: Set API Key…');
    const anthropicRow = browser.page.locator('.quick-input-list .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: /^Anthropic$/ }) }).first();
    await anthropicRow.click({ timeout: 10_000 });
    await enterKey(ANTHROPIC_KEY);

    await wb.runCommand('AI Tasks: Select Model…');
    const rows = await waitForPickRow(ANTHROPIC_MODELS[1] as string);
    await wb.screenshot('select-model-with-keys');
    const byGroup = groups(rows);
    const text = JSON.stringify(byGroup);
    // The default model is marked $(check), which renders as an icon, not text.
    assert.deepStrictEqual(byGroup.OpenAI?.map((l) => l.trim()), OPENAI_MODELS, text);
    // Anthropic's list carries display names; the id is the row's description.
    assert.deepStrictEqual(byGroup.Anthropic, ANTHROPIC_MODELS.map((id) => `Fake ${id}`), text);
    assert.deepStrictEqual(rows.filter((r) => r.label.startsWith('Fake ')).map((r) => r.description), ANTHROPIC_MODELS, text);
    assert.match(byGroup['LM Studio']?.join('|') ?? '', /LM Studio: unreachable/, text);
    // The fakes saw the keys typed into the password boxes.
    assert.ok(openai.requests.some((r) => r.path === '/v1/models' && r.headers.authorization === `Bearer ${OPENAI_KEY}`), 'OpenAI\'s model list was not fetched with the key');
    assert.ok(anthropic.requests.some((r) => r.path.startsWith('/v1/models') && r.headers['x-api-key'] === ANTHROPIC_KEY), 'Anthropic\'s model list was not fetched with the key');
  });

  it('picks gpt-4o-mini, runs a prompt, and the panel shows it completed on OpenAI · gpt-4o-mini', async function () {
    const row = browser.page.locator('.quick-input-list .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: /^gpt-4o-mini$/ }) }).first();
    await row.click();
    await wb.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    // The choice is saved (two settings) before the command says so; a person reads that first.
    await browser.page.locator('.notifications-toasts .notification-toast', { hasText: 'new tasks run on OpenAI · gpt-4o-mini' }).first().waitFor({ state: 'visible', timeout: 15_000 });

    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(PROMPT);
    // The input box says where the prompt will run: its Model row.
    const message = await wb.promptBoxModelRow();
    assert.match(message, /Model: gpt-4o-mini\s*OpenAI — change for this task/, `the Run Prompt box does not say it runs on the picked model: ${JSON.stringify(message)}`);
    await wb.screenshot('run-prompt-on-picked-model');
    // Usage large enough for a cost worth reading: (12,000 × 0.15 + 3,000 × 0.60) / 1M = $0.0036.
    openai.enqueue({ kind: 'reply', usage: { prompt_tokens: 12_000, completion_tokens: 3_000 } });
    await wb.submitInput();
    const title = PROMPT.slice(0, 30);
    await wb.waitForRowInGroup(title, 'Completed', 60_000);
    await wb.sidebarRow(title).click();

    const view = wb.webview();
    await view.locator('[data-testid="status"][data-status="completed"]').waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual((await view.locator('[data-testid="provider"]').innerText()).trim(), 'OpenAI');
    assert.strictEqual((await view.locator('[data-testid="model"]').innerText()).trim(), 'gpt-4o-mini');
    const output = await view.locator('[data-testid="output"]').innerText();
    assert.ok(normalizeText(output).includes(normalizeText(`Simulated reply to: ${PROMPT}`)), `the panel does not show the fake's reply: ${JSON.stringify(output.slice(0, 200))}`);
    const figure = async (testId: string): Promise<string> => (await view.locator(`[data-testid="${testId}"]`).first().innerText()).trim();
    assert.strictEqual((await figure('usage-input')).replace(/\D/g, ''), '12000');
    assert.strictEqual((await figure('usage-output')).replace(/\D/g, ''), '3000');
    assert.strictEqual(await figure('cost'), '$0.0036', 'gpt-4o-mini: (12,000 × 0.15 + 3,000 × 0.60) / 1M');
    await wb.screenshot('panel-completed-on-picked-model');

    const chat = openai.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.strictEqual(chat.length, 1, 'the prompt did not go to the OpenAI fake exactly once');
    assert.strictEqual((chat[0]?.body as { model?: unknown }).model, 'gpt-4o-mini');
    assert.strictEqual(chat[0]?.headers.authorization, `Bearer ${OPENAI_KEY}`);
  });
});
