// End to end in a pseudo locale: the packaged .vsix with every message of l10n/bundle.l10n.json
// and package.nls.json turned into accented look-alikes ("Ŧȧşķ"), a language pack that makes the
// real workbench hand that locale to the extension (test/harness/pseudoLocale.ts), and data that is
// not ASCII either (the prompt, the model, the answer, the server's error). A person then walks the
// extension's own surfaces: the activity bar, the empty tree's welcome, the prompt box, a completed
// and a failed task in the tree with their tooltips and screen-reader labels, the status bar, and
// the output panel of each. Any ASCII word there was written in English by the extension and never
// went through l10n, the manifest or the host's bundle for the webview. The workbench around it
// stays in English (the pack translates nothing of VS Code), so only the extension's parts are
// read. Screenshots: test-results/e2e-pseudo-locale/screenshots/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import type { Browser } from '../harness/browser';
import { repoRoot, resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import { PSEUDO_LOCALE, installPseudoLanguagePack, installedExtensionDir, pseudo, pseudoLocalizeInstalledExtension } from '../harness/pseudoLocale';
import type { Workbench } from '../harness/workbench';
import { FAILURE_CODES } from '../../src/shared/taskVocabulary';

const outDir = path.join(resultsDir, 'e2e-pseudo-locale');
/** Data in non-ASCII letters, so an ASCII word can only come from the extension's own text. */
const MODEL = 'ɱǿḓḗŀ-ǿƞḗ';
const MODEL_2 = 'ɱǿḓḗŀ-ŧẇǿ';
const ANSWER = 'Ŧħḗ ȧƞşẇḗř īş ƒǿřŧẏ-ŧẇǿ.';
const PROMPT_OK = 'Ẇħȧŧ īş ŧħḗ ȧƞşẇḗř';
const PROMPT_FAIL = 'Ƒȧīŀ ŧħīş ǿƞḗ ƥŀḗȧşḗ';
const SERVER_ERROR = 'Ŧħḗ şḗřṽḗř řḗƒŭşḗḓ īŧ';
const PROMPT_COMPARE = 'Ƈǿḿƥȧřḗ ŧħḗşḗ ŧẇǿ';

/** "Category: Title" of a command as the palette shows it in the pseudo locale. */
function paletteTitle(commandId: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string; category?: string }[] } };
  const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const english = (ref: string): string => nls[ref.replace(/^%|%$/g, '')] ?? assert.fail(`no package.nls.json entry for ${ref}`);
  const command = manifest.contributes.commands.find((c) => c.command === commandId) ?? assert.fail(`no command ${commandId}`);
  return command.category ? `${pseudo(english(command.category))}: ${pseudo(english(command.title))}` : pseudo(english(command.title));
}

/**
 * ASCII that may appear, each with why; nothing here is a sentence of the extension's.
 * - Failure codes (BAD_REQUEST, RATE_LIMITED...): identifiers, shown beside the translated class
 *   name, the same in the log, the docs and an exported file, so a person can search for them.
 * - "HTTP": a protocol's name, as in "HTTP 400".
 * - Product names: OpenAI (also in "OpenAI-compatible"), Anthropic, Ollama.
 */
const NOT_LANGUAGE = new Set<string>([...FAILURE_CODES.flatMap((c) => c.split('_')), 'HTTP', 'OpenAI', 'Anthropic', 'Ollama']);

/**
 * The workbench's own words inside the extension's surfaces, set aside: the action bar of a tree
 * row ("Actions for …") and the shortcut VS Code appends to an action's title ("(Ctrl+Alt+R)").
 */
const WORKBENCH_TEXT = [/\bActions for\b/g, /\((?:(?:Ctrl|Shift|Alt|Cmd|Meta)\+)*(?:[A-Z0-9]|Del|Delete|Enter|Escape|F\d+)\)/g];

/** The ASCII words in `text`: English the extension forgot to translate. */
function englishWords(text: string): string[] {
  const ours = WORKBENCH_TEXT.reduce((t, re) => t.replace(re, ' '), text);
  return [...new Set(ours.match(/[A-Za-z]+/g) ?? [])].filter((w) => !NOT_LANGUAGE.has(w));
}

function assertNoEnglish(where: string, text: string): void {
  assert.ok(text.trim().length > 0, `${where}: nothing was read (the surface did not render)`);
  assert.deepStrictEqual(englishWords(text), [], `${where} shows English: ${JSON.stringify(text)}`);
}

/** The DOM members read inside the page (the Node-side tsconfig has no DOM library). */
interface PageElement {
  readonly innerText: string;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
}

describe('Pseudo locale in the real workbench: the extension shows no English of its own', function () {
  this.timeout(120_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let scratch: string;
  let session: E2eSession | undefined;

  /** An element's visible text plus the texts a screen reader or a hover reads from its attributes. */
  async function textOf(root: Locator): Promise<string> {
    // The root's own attributes are the workbench's ("Welcome", the part's name), not ours.
    return root.evaluate((el: PageElement) => {
      const attrs = ['aria-label', 'title', 'placeholder', 'aria-description', 'alt'];
      const parts = [el.innerText];
      for (const node of Array.from(el.querySelectorAll('*'))) for (const a of attrs) parts.push(node.getAttribute(a) ?? '');
      return parts.filter((p) => p.trim() !== '').join('\n');
    });
  }

  const sidebar = (): Locator => browser.page.locator('.part.sidebar .pane-body').first();
  const taskRows = (): Locator => browser.page.locator('.part.sidebar .monaco-list-row[aria-level="2"]');
  const hover = (): Locator => browser.page.locator('.monaco-hover, .workbench-hover').first();

  /** Hovers `target` until its tooltip shows; returns the tooltip's text. */
  async function tooltipOf(target: Locator, what: string): Promise<string> {
    await browser.page.mouse.move(0, 0);
    await hover().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await target.hover();
    await hover().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => assert.fail(`no tooltip showed on ${what}`));
    await browser.page.waitForTimeout(300);
    return textOf(hover());
  }

  async function runPrompt(prompt: string): Promise<void> {
    await browser.page.keyboard.press('Control+Alt+Enter');
    await wb.waitForCommandInput();
    await wb.quickInputBox.fill(prompt);
    await wb.submitInput();
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-pseudo-ws-');
    scratch = makeTempDir('atq-e2e-pseudo-pack-');
    fs.writeFileSync(path.join(workspace, 'ƞǿŧḗş.md'), '# Ƞǿŧḗş\n');
    fake = await startFakeOpenAiServer({
      models: [MODEL, MODEL_2],
      replyText: ANSWER,
      fault: (request) => (request.rawBody.includes(PROMPT_FAIL) ? { kind: 'error', status: 400, error: { message: SERVER_ERROR, type: 'invalid_request_error' } } : undefined),
    });
    session = await startE2eSession({
      outDir,
      workspace,
      locale: PSEUDO_LOCALE,
      prepare: (dirs) => {
        pseudoLocalizeInstalledExtension(installedExtensionDir(dirs.extensionsDir, 'ai-task-queue.ai-task-queue'));
        installPseudoLanguagePack(dirs.extensionsDir, dirs.userDataDir, scratch);
      },
      userSettings: {
        'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': MODEL,
        'aiTaskQueue.tree.groupBy': 'status',
      },
    });
    ({ browser, wb } = session);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await fake?.close();
    if (workspace) removeTempDir(workspace);
    if (scratch) removeTempDir(scratch);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('runs in the pseudo locale: the activity bar names the extension in pseudo letters, VS Code stays English', async function () {
    await wb.openViewContainer(pseudo('AI Task Queue'));
    assert.ok(await wb.activityBarItem('Explorer').isVisible(), 'the workbench itself should stay in English: the pack translates nothing of VS Code');
    await browser.page.locator('.part.sidebar .composite.title').filter({ hasText: pseudo('AI Task Queue') }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('the empty tree welcomes in the pseudo locale', async function () {
    const welcome = browser.page.locator('.part.sidebar .welcome-view-content').first();
    await welcome.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('welcome');
    assertNoEnglish('the welcome view', await textOf(welcome));
  });

  it('the prompt box: title, placeholder, model and priority rows', async function () {
    await runPromptBoxOnly();
    await wb.screenshot('prompt-box');
    assertNoEnglish('the prompt box', await promptBoxText());
    await wb.quickInputBox.fill(PROMPT_OK);
    await wb.submitInput();
  });

  /**
   * What the extension wrote in the prompt box: its title, placeholder, message and rows. Not the
   * widget's own labels ("4 Results", "Toggle all checkboxes"), nor the rows' aria-labels, which
   * VS Code builds from the label with its icon names ("sparkle Model: …").
   */
  async function promptBoxText(): Promise<string> {
    const parts = [
      await wb.quickInput.locator('.quick-input-title').innerText(),
      (await wb.quickInputBox.getAttribute('placeholder')) ?? '',
      await wb.quickInput.locator('.quick-input-message').innerText().catch(() => ''),
      ...(await wb.quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts()),
    ];
    return parts.join('\n');
  }

  /** Opens the prompt box and waits until its rows show, without typing. */
  async function runPromptBoxOnly(): Promise<void> {
    await browser.page.keyboard.press('Control+Alt+Enter');
    await wb.waitForCommandInput();
    await wb.quickInput.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('a completed and a failed task: tree rows, their screen-reader labels and tooltips', async function () {
    await runPrompt(PROMPT_FAIL);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const groups = await wb.sidebarTreeRows();
      const done = groups.filter((r) => r.level === 1 && (r.label.startsWith(pseudo('Completed')) || r.label.startsWith(pseudo('Failed'))));
      if (done.length === 2 && (await taskRows().count()) === 2) break;
      for (const g of groups) if (g.level === 1 && g.expanded === false) await wb.expandGroup(g.label.split(' (')[0] as string).catch(() => undefined);
      assert.ok(Date.now() < deadline, `the tree never showed one completed and one failed task: ${groups.map((r) => r.label).join(' | ')}`);
      await browser.page.waitForTimeout(250);
    }
    await wb.screenshot('tree-completed-and-failed');
    assertNoEnglish('the task tree', await textOf(sidebar()));
    for (let i = 0; i < 2; i++) {
      const row = taskRows().nth(i);
      const tip = await tooltipOf(row.locator('.label-name'), `task row ${i + 1}`);
      await wb.screenshot(`row-${i + 1}-tooltip`);
      assertNoEnglish(`the tooltip of task row ${i + 1}`, tip);
    }
  });

  it('the status bar item and its tooltip', async function () {
    const item = browser.page.locator('.part.statusbar [id$="aiTaskQueue.status"]').first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    assertNoEnglish('the status bar item', await textOf(item));
    const tip = await tooltipOf(item, 'the status bar item');
    await wb.screenshot('status-bar-tooltip');
    assertNoEnglish('the status bar tooltip', tip);
  });

  for (const [name, prompt] of [
    ['completed', PROMPT_OK],
    ['failed', PROMPT_FAIL],
  ] as const) {
    it(`the output panel of the ${name} task`, async function () {
      await browser.page.mouse.move(0, 0);
      await wb.sidebarRow(prompt.slice(0, 12)).click();
      const status = wb.webview().locator(`[data-testid="status"][data-status="${name}"]`);
      await status.waitFor({ state: 'visible', timeout: 20_000 });
      if (name === 'completed') await wb.webview().locator('[data-testid="output"]').filter({ hasText: ANSWER }).waitFor({ state: 'visible', timeout: 10_000 });
      await browser.page.waitForTimeout(500);
      await wb.screenshot(`panel-${name}`);
      assertNoEnglish(`the output panel of the ${name} task`, await textOf(wb.webview().locator('body')));
    });
  }

  it('two models compared side by side in the results view', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand(paletteTitle('aiTaskQueue.compareModels'));
    for (const model of [MODEL, MODEL_2]) {
      const row = wb.quickInputRow(model);
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click().catch(async () => row.click());
    }
    await wb.screenshot('compare-models-picked');
    assertNoEnglish('the model picker', [await wb.quickInput.locator('.quick-input-title').innerText(), ...(await wb.quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts())].join('\n'));
    // OK, not Enter: Enter on a focused row of a multi-select pick toggles that row first.
    await wb.quickInput.locator('.monaco-button').filter({ hasText: /^OK$/ }).first().click();
    await wb.typeInput(PROMPT_COMPARE);
    await wb.submitInput();
    const view = wb.webview();
    const done = view.locator('[data-testid="compare-column"][data-status="completed"]');
    const deadline = Date.now() + 30_000;
    while ((await done.count()) < 2) {
      assert.ok(Date.now() < deadline, 'the two columns never both completed');
      await browser.page.waitForTimeout(250);
    }
    await browser.page.waitForTimeout(500);
    await wb.screenshot('compare-models-side-by-side');
    assertNoEnglish('the comparison in the results view', await textOf(view.locator('body')));
  });

  it('the statistics', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand(paletteTitle('aiTaskQueue.showStatistics'));
    const body = wb.webview().locator('body');
    await body.locator('h1, h2').first().waitFor({ state: 'visible', timeout: 20_000 });
    await browser.page.waitForTimeout(500);
    await wb.screenshot('statistics');
    assertNoEnglish('the statistics', await textOf(body));
  });
});
