// End to end, as a person who never touches the mouse: the keyboard alone runs a prompt
// (Ctrl+Alt+Enter), finds its row in the tree (F1 → Focus on Tasks View, arrow keys), opens its
// result (Enter), cancels it (Ctrl+Alt+C), retries it (Ctrl+Alt+R) and reads the answer, then
// removes both finished tasks with Delete. Along the way the focused row's accessible label is
// what a screen reader says: status, model and, once finished, cost. No `click()` anywhere in this
// file; the test fails if the page saw a mouse click. Packaged .vsix in code-server, Chromium; a
// fake OpenAI-compatible server whose first answer takes a minute (time to cancel it) and whose
// retry answers at once. Screenshots: test-results/e2e-keyboard-only/screenshots/.
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

const outDir = path.join(resultsDir, 'e2e-keyboard-only');
const MODEL = 'kb-model';
const PROMPT = 'Name three sorting algorithms';
const ANSWER = 'Merge sort, heapsort and quicksort.';
/** The ids of the tree's task rows are not the prompt: the row label is the prompt's start. */
const ROW = PROMPT.slice(0, 20);

describe('Keyboard only: run, find, open, cancel, retry and delete a task without a mouse', function () {
  this.timeout(90_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  const chatRequests = (): number => fake.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).length;
  const focusedRow = (): Locator => browser.page.locator('.part.sidebar .monaco-list-row.focused').first();
  const panelStatus = (status: string): Locator => wb.webview().locator(`[data-testid="status"][data-status="${status}"]`);

  /** F1, type the command's title, move the highlight onto exactly that row, Enter. */
  async function palette(title: string): Promise<void> {
    await wb.closeQuickInput();
    await browser.page.keyboard.press('F1');
    await wb.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
    await browser.page.keyboard.type(`>${title}`);
    const active = browser.page.locator('.quick-input-list .monaco-list-row.focused');
    const deadline = Date.now() + 10_000;
    // The highlight starts on the best match; a longer title that contains this one may rank first.
    for (let moves = 0; ; ) {
      const label = ((await active.getAttribute('aria-label').catch(() => null)) ?? '').trim();
      if (label === title || label.startsWith(`${title},`)) break;
      assert.ok(Date.now() < deadline, `the palette never highlighted "${title}" (last: "${label}")`);
      if (label && moves < 5) {
        await browser.page.keyboard.press('ArrowDown');
        moves++;
      }
      await browser.page.waitForTimeout(150);
    }
    await browser.page.keyboard.press('Enter');
  }

  /** Focuses the task tree and moves the keyboard focus onto the row whose label starts with `label`. */
  async function focusRow(label: string, timeoutMs = 15_000): Promise<string> {
    const treeHasFocus = browser.page.locator('.part.sidebar .monaco-list:focus-within').first();
    // Already in the tree (Enter on a row leaves the focus there): no need for the palette.
    if (!(await treeHasFocus.isVisible()) || (await wb.isQuickInputOpen())) {
      await palette('AI Task Queue: Focus on Tasks View');
      await treeHasFocus.waitFor({ state: 'visible', timeout: 10_000 });
    }
    // A tree that has just taken the focus may have no focused row yet: Home puts it on the first.
    await browser.page.keyboard.press('Home');
    await focusedRow().waitFor({ state: 'visible', timeout: 10_000 });
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (let steps = 0; ; steps++) {
      last = (await focusedRow().getAttribute('aria-label')) ?? '';
      if (last.startsWith(label)) return last;
      // A group that appeared while the row moved into it opens collapsed: the right arrow opens it.
      if ((await focusedRow().getAttribute('aria-expanded')) === 'false') {
        await browser.page.keyboard.press('ArrowRight');
        await browser.page.waitForTimeout(120);
        continue;
      }
      assert.ok(Date.now() < deadline, `no row "${label}" reached by the arrow keys (last: "${last}"; rows: ${(await wb.sidebarTreeRows()).map((r) => r.label).join(' | ')})`);
      // Down through the rows, then back to the top: the row may still be on its way into the tree.
      await browser.page.keyboard.press(steps % 8 === 7 ? 'Home' : 'ArrowDown');
      await browser.page.waitForTimeout(120);
    }
  }

  /** Moves the focus onto the row and presses Enter: the row is selected (what the keys act on) and its result opens; the focus goes back to the tree. */
  async function selectRow(label: string): Promise<string> {
    await focusRow(label);
    await browser.page.keyboard.press('Enter');
    await browser.page.waitForTimeout(300);
    const said = await focusRow(label);
    assert.strictEqual(await focusedRow().getAttribute('aria-selected'), 'true', `"${said}" is not selected`);
    return said;
  }

  /**
   * Polls until the tree shows a row starting with `label` under the group starting with `group`
   * (walking to it with the keyboard, which opens a collapsed group on the way).
   */
  async function waitForGroup(label: string, group: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await wb.sidebarTreeRows();
      if (rows.some((r) => r.level === 1 && r.label.startsWith(group) && r.expanded === false)) {
        await focusRow(`${group},`);
        await browser.page.keyboard.press('ArrowRight');
      }
      const found = await wb.groupOf(label);
      if (found?.startsWith(group)) return;
      assert.ok(Date.now() < deadline, `"${label}" not under ${group} (under ${found ?? 'nothing'})`);
      await browser.page.waitForTimeout(200);
    }
  }

  before(async function () {
    this.timeout(150_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-keyboard-ws-');
    let served = 0;
    fake = await startFakeOpenAiServer({
      models: [MODEL],
      // The first answer takes a minute: there is time to cancel it. The retry answers at once.
      fault: () => (served++ === 0 ? { kind: 'reply', text: `${ANSWER} `.repeat(30), durationMs: 60_000 } : { kind: 'reply', text: ANSWER, chunkDelayMs: 10 }),
    });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': MODEL,
        'aiTaskQueue.tree.groupBy': 'status',
      },
    });
    ({ browser, wb } = session);
    // Counts every mouse button press the workbench sees (the webviews' own frames are keyboard-driven here too).
    await browser.page.evaluate('document.addEventListener("mousedown", () => { window.atqClicks = (window.atqClicks || 0) + 1; }, true)');
    // The activity bar item shows once the workbench has read the extension's contributions.
    await wb.activityBarItem('AI Task Queue').waitFor({ state: 'visible', timeout: 30_000 });
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

  it('Ctrl+Alt+Enter opens the prompt box; Enter runs it and the row says "running" and the model', async function () {
    await palette('AI Task Queue: Focus on Tasks View');
    await browser.page.keyboard.press('Control+Alt+Enter');
    await wb.waitForCommandInput();
    await browser.page.keyboard.type(PROMPT);
    await wb.submitInput();
    await waitForGroup(ROW, 'Running', 30_000);
    const said = await focusRow(ROW);
    assert.match(said, /, running, /, said);
    assert.match(said, new RegExp(`model ${MODEL}`), said);
    assert.doesNotMatch(said, /\$\(|\*\*|\d+s\b/, `codicon names, Markdown or a ticking clock in "${said}"`);
    await wb.screenshot('running-row-focused');
  });

  it('Enter opens the result; Ctrl+Alt+C cancels the running task', async function () {
    await selectRow(ROW);
    await panelStatus('running').waitFor({ state: 'visible', timeout: 20_000 });
    await browser.page.keyboard.press('Control+Alt+C');
    await waitForGroup(ROW, 'Cancelled', 15_000);
    await panelStatus('cancelled').waitFor({ state: 'visible', timeout: 15_000 });
    const said = await focusRow(ROW);
    assert.match(said, /, cancelled, /, said);
    await wb.screenshot('cancelled');
  });

  it('Ctrl+Alt+R retries the cancelled task; the panel follows the new run and shows its answer', async function () {
    await selectRow(ROW);
    await browser.page.keyboard.press('Control+Alt+R');
    await waitForGroup(ROW, 'Completed', 30_000);
    await panelStatus('completed').waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await wb.webview().locator('[data-testid="output"]').innerText(), /Merge sort, heapsort and quicksort\./);
    assert.strictEqual(chatRequests(), 2, 'one request for the run, one for the retry');
    await wb.screenshot('retried-and-completed');
  });

  it('Delete removes the finished tasks, the completed one and the cancelled one; the row read out says its cost', async function () {
    await waitForGroup(ROW, 'Completed', 5_000);
    for (let removed = 0; removed < 2; removed++) {
      const said = await selectRow(ROW);
      assert.match(said, /, (completed|cancelled), /, said);
      if (/, completed, /.test(said)) assert.match(said, /, (free|cost \$[\d.]+|price unknown)$/, said);
      await browser.page.keyboard.press('Delete');
      const deadline = Date.now() + 10_000;
      while ((await wb.sidebarTreeRows()).filter((r) => r.level > 1 && r.label.startsWith(ROW)).length !== 1 - removed) {
        assert.ok(Date.now() < deadline, `Delete did not remove "${said}"`);
        await browser.page.waitForTimeout(150);
      }
    }
    await wb.screenshot('deleted');
    const clicked = Number(await browser.page.evaluate('window.atqClicks || 0'));
    assert.strictEqual(clicked, 0, 'the page saw a mouse click');
  });
});
