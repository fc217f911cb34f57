// End to end, as a person: queue six slow tasks at once (select six files in the Explorer,
// right-click, "Run Prompt on Files… (Batch)"), then "AI Tasks: Cancel All" from F1. With more than
// five tasks the command asks first in a modal dialog: dismissing it cancels nothing; confirming it
// files all six under Cancelled, closes the four streaming requests at the fake server, never sends
// the two queued ones, and none of them turns up as Completed when their streams would have ended.
// Real VS Code workbench (code-server) in Chromium, the packaged .vsix, a fake OpenAI-compatible
// server in this process. Run by scripts/test.sh in the e2e stage (same mocha command as
// workbench.e2e.js). Screenshots: test-results/e2e-cancel-all/screenshots/*.png.
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

const outDir = path.join(resultsDir, 'e2e-cancel-all');
const MODEL = 'e2e-model';
const FILES = ['notes-1.md', 'notes-2.md', 'notes-3.md', 'notes-4.md', 'notes-5.md', 'notes-6.md'];
const CONCURRENCY = 4;
// "[slow]" makes the fake stream SLOW_CHUNKS chunks SLOW_CHUNK_MS apart: long enough to cancel
// comfortably, short enough that an uncancelled stream would complete while the test still watches.
const SLOW_CHUNKS = 15;
const SLOW_CHUNK_MS = 1_000;
const STREAM_MS = SLOW_CHUNKS * SLOW_CHUNK_MS;
const INSTRUCTION = 'Review this file [slow]';
/** The label of the task for `file`: a batch's rows are named by what differs, the file. */
const taskLabel = (file: string): string => file;

/** A status group of the tree as the person sees it: "Running (4)" and the task labels under it. */
interface Group {
  readonly count: number;
  readonly expanded: boolean | undefined;
  readonly labels: string[];
}

describe('Cancel All end to end: six slow tasks, the confirmation dialog, all filed under Cancelled', function () {
  this.timeout(120_000);
  this.bail(true);

  let fake: FakeOpenAiServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;
  /** When the tree first showed four running: every stream had started by then. */
  let streamsStartedBy = 0;

  /** The tree's groups by name ("Running", "Queued", …); a hidden (empty) group is absent. */
  async function treeGroups(): Promise<Map<string, Group>> {
    const groups = new Map<string, Group>();
    let current: Group | undefined;
    for (const row of await wb.sidebarTreeRows()) {
      if (row.level === 1) {
        const match = /^(\w+) \((\d+)\)$/.exec(row.label);
        current = match ? { count: Number(match[2]), expanded: row.expanded, labels: [] } : undefined;
        if (match) groups.set(match[1] as string, current as Group);
      } else current?.labels.push(row.label);
    }
    return groups;
  }

  function describeTree(groups: Map<string, Group>): string {
    return [...groups].map(([name, g]) => `${name} (${g.count})${g.expanded === false ? ' [collapsed]' : ''}: ${g.labels.join(', ')}`).join(' | ') || '(empty tree)';
  }

  /** Polls the tree until `check` returns true (expanding collapsed groups on the way). */
  async function waitForTree(what: string, check: (groups: Map<string, Group>) => boolean, timeoutMs: number): Promise<Map<string, Group>> {
    const deadline = Date.now() + timeoutMs;
    let groups = new Map<string, Group>();
    while (Date.now() < deadline) {
      await wb.assertNoDialog();
      groups = await treeGroups();
      for (const [name, g] of groups) if (g.expanded === false) await wb.expandGroup(name).catch(() => undefined);
      if (check(groups)) return groups;
      await browser.page.waitForTimeout(200);
    }
    throw new Error(`the tree never showed ${what} within ${timeoutMs} ms; it shows: ${describeTree(groups)}`);
  }

  /** Which of our six files have their task under the group `name`. */
  function ours(groups: Map<string, Group>, name: string): string[] {
    const labels = groups.get(name)?.labels ?? [];
    return FILES.filter((f) => labels.includes(taskLabel(f)));
  }

  /**
   * Clicks the AI Task Queue activity-bar icon. Not Workbench.openViewContainer: once tasks run, the
   * icon's "N running" badge covers the icon's centre and Playwright refuses to click through it;
   * the badge is inside the icon's list item, so clicking the item is the same click a person makes.
   */
  async function showTaskQueue(): Promise<void> {
    await wb.activityBarItem('AI Task Queue').locator('xpath=ancestor::li[1]').click();
    await browser.page.locator('.part.sidebar .composite.title').filter({ hasText: 'AI Task Queue' }).waitFor({ state: 'visible', timeout: 10_000 });
  }

  const chatRequests = (): number => fake.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).length;

  const dialog = (): Locator => browser.page.locator('.monaco-dialog-box');

  /** F1 → "AI Tasks: Cancel All"; returns the confirmation dialog's text once it shows. */
  async function openCancelAllDialog(): Promise<string> {
    await wb.runCommand('AI Tasks: Cancel All');
    await dialog().waitFor({ state: 'visible', timeout: 10_000 });
    return (await dialog().innerText()).replace(/\s+/g, ' ').trim();
  }

  async function dialogButtons(): Promise<string[]> {
    return (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  before(async function () {
    this.timeout(180_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-cancel-ws-');
    for (const [i, file] of FILES.entries()) fs.writeFileSync(path.join(workspace, file), `# Notes ${i + 1}\n\nA short file to review.\n`);

    fake = await startFakeOpenAiServer({ models: [MODEL], slowChunkCount: SLOW_CHUNKS, slowChunkDelayMs: SLOW_CHUNK_MS });
    session = await startE2eSession({
      outDir,
      workspace,
      userSettings: {
        'aiTaskQueue.providers.openaiCompatible.baseUrl': fake.baseUrl,
        'aiTaskQueue.providers.openaiCompatible.model': MODEL,
        'aiTaskQueue.concurrency': CONCURRENCY,
        // This test watches the status groups; grouped by batch, the six would sit under one node.
        'aiTaskQueue.tree.groupBy': 'status',
      },
    });
    ({ browser, wb } = session);
    // The view container shows once the extension has activated.
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

  it('queues six slow tasks from the Explorer: four run, two wait', async function () {
    await wb.openViewContainer('Explorer');
    const fileRow = (name: string) => browser.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: browser.page.locator('.label-name', { hasText: name }) }).first();
    const first = fileRow(FILES[0] as string);
    const last = fileRow(FILES[FILES.length - 1] as string);
    await first.waitFor({ state: 'visible', timeout: 20_000 });
    // Ctrl+click the first file, Shift+click the last, right-click: the six files' context menu. (A
    // plain first click would open an editor, and the Explorer re-selects the active editor's file
    // once it has resolved it.) Right after the window opens the Explorer may still re-render and
    // drop a selection, so like a person the test selects again until the menu is for six files.
    const selected = browser.page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]');
    const item = browser.page.locator('.monaco-menu .action-item').filter({ hasText: 'Run Prompt on Files… (Batch)' }).first();
    const sixSelected = async (timeoutMs: number): Promise<boolean> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if ((await selected.count()) === FILES.length) return true;
        if (Date.now() > deadline) return false;
        await browser.page.waitForTimeout(100);
      }
    };
    let attempts = 0;
    for (;;) {
      attempts += 1;
      await first.click({ modifiers: ['ControlOrMeta'] });
      await last.click({ modifiers: ['Shift'] });
      if (await sixSelected(2_000)) {
        await last.click({ button: 'right' });
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        if (await sixSelected(0)) break;
        await browser.page.keyboard.press('Escape');
      }
      assert.ok(attempts < 4, `the Explorer did not keep six files selected (attempt ${attempts}: ${await selected.count()} selected)`);
      // Start over from no selection: Ctrl+click on a selected first file would deselect it.
      await browser.page.keyboard.press('Escape');
      await browser.page.waitForTimeout(500);
    }
    if (attempts > 1) console.log(`      (selected the six files on attempt ${attempts})`);
    await wb.screenshot('explorer-six-files-context-menu');
    await wb.chooseMenuItem('Run Prompt on Files… (Batch)', () => last.click({ button: 'right' }));
    const title = (await wb.quickInput.locator('.quick-input-title').innerText()).trim();
    assert.ok(title.startsWith(`AI Tasks: Run Prompt on ${FILES.length} Files `), `the batch did not get all six selected files: ${title}`);
    await wb.quickInputBox.fill(INSTRUCTION);
    await wb.screenshot('batch-prompt-input');
    await browser.page.keyboard.press('Enter');
    await wb.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });

    await showTaskQueue();
    await waitForTree(
      `${CONCURRENCY} of our tasks Running and ${FILES.length - CONCURRENCY} Queued`,
      (g) =>
        ours(g, 'Running').length === CONCURRENCY &&
        ours(g, 'Queued').length === FILES.length - CONCURRENCY &&
        g.get('Running')?.count === CONCURRENCY &&
        g.get('Queued')?.count === FILES.length - CONCURRENCY,
      20_000,
    );
    streamsStartedBy = Date.now();
    await wb.screenshot('six-tasks-running-and-queued');
  });

  it('asks before cancelling more than five tasks, and dismissing the dialog cancels nothing', async function () {
    const text = await openCancelAllDialog();
    await wb.screenshot('cancel-all-confirmation-dialog');
    assert.match(text, /Cancel all 6 tasks\?/, `dialog: ${text}`);
    assert.match(text, new RegExp(`${CONCURRENCY} running and ${FILES.length - CONCURRENCY} queued`), `dialog: ${text}`);
    const buttons = await dialogButtons();
    assert.ok(buttons.includes('Cancel All Tasks'), `dialog buttons: ${JSON.stringify(buttons)}`);
    assert.ok(buttons.includes('Keep Tasks'), `no "Keep Tasks" button (a bare "Cancel" next to "Cancel All Tasks" is ambiguous): ${JSON.stringify(buttons)}`);
    assert.ok(!buttons.includes('Cancel'), `dialog buttons: ${JSON.stringify(buttons)}`);

    await dialog().getByRole('button', { name: 'Keep Tasks' }).click();
    await dialog().waitFor({ state: 'hidden', timeout: 5_000 });
    await browser.page.waitForTimeout(1_000);
    const groups = await treeGroups();
    assert.ok(!groups.has('Cancelled'), `dismissing the dialog cancelled something: ${describeTree(groups)}`);
    assert.strictEqual(ours(groups, 'Running').length, CONCURRENCY, describeTree(groups));
    assert.strictEqual(ours(groups, 'Queued').length, FILES.length - CONCURRENCY, describeTree(groups));
    assert.strictEqual(chatRequests(), CONCURRENCY, 'dismissing the dialog changed what the fake server saw');
    assert.strictEqual(fake.disconnects.length, 0, 'dismissing the dialog closed a stream');
    await wb.screenshot('dialog-dismissed-nothing-cancelled');
  });

  it('confirming "Cancel All Tasks" files all six under Cancelled and none of them completes later', async function () {
    const text = await openCancelAllDialog();
    assert.match(text, /Cancel all 6 tasks\?/, `dialog: ${text}`);
    await wb.screenshot('cancel-all-dialog-before-confirm');
    const requestsBefore = chatRequests();
    assert.strictEqual(requestsBefore, CONCURRENCY, `the fake saw ${requestsBefore} chat requests before Cancel All`);
    await dialog().locator('.dialog-buttons .monaco-button').filter({ hasText: /^Cancel All Tasks$/ }).click();
    await dialog().waitFor({ state: 'hidden', timeout: 5_000 });

    await waitForTree(
      `all ${FILES.length} tasks under Cancelled`,
      (g) => ours(g, 'Cancelled').length === FILES.length && g.get('Cancelled')?.count === FILES.length && !g.has('Running') && !g.has('Queued'),
      15_000,
    );
    await wb.screenshot('all-six-cancelled');

    // Cancelling reaches the socket: the four streams were closed by the client, mid-stream.
    const deadline = Date.now() + 5_000;
    while (fake.disconnects.length < CONCURRENCY && Date.now() < deadline) await browser.page.waitForTimeout(100);
    assert.strictEqual(fake.disconnects.length, CONCURRENCY, `the fake saw ${fake.disconnects.length} client hang-ups, not ${CONCURRENCY}`);
    assert.ok(fake.disconnects.every((d) => d.eventsSent < SLOW_CHUNKS), `a stream ran to its end: ${JSON.stringify(fake.disconnects)}`);

    // Wait until every stream would have ended had it not been cancelled (and at least 2 s more),
    // then look again: still six cancelled, nothing completed, and the queued two never started.
    await browser.page.waitForTimeout(Math.max(2_000, streamsStartedBy + STREAM_MS + 1_500 - Date.now()));
    for (const [name, g] of await treeGroups()) if (g.expanded === false) await wb.expandGroup(name);
    const after = await treeGroups();
    await wb.screenshot('still-cancelled-after-streams-would-have-ended');
    assert.deepStrictEqual(ours(after, 'Completed'), [], `cancelled tasks completed later: ${describeTree(after)}`);
    assert.strictEqual(ours(after, 'Cancelled').length, FILES.length, describeTree(after));
    assert.strictEqual(after.get('Cancelled')?.count, FILES.length, describeTree(after));
    assert.ok(![...after.keys()].some((name) => name !== 'Cancelled'), `groups besides Cancelled: ${describeTree(after)}`);
    assert.strictEqual(chatRequests(), CONCURRENCY, 'a cancelled queued task still sent its request');
  });
});
