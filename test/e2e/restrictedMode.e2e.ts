// End to end in Restricted Mode, with the packaged .vsix (an extension under development is exempt
// from workspace trust, so only an installed one shows whether it runs in an untrusted folder).
// Workspace trust is on and the folder's .vscode/settings.json tries to steer prompts and prices
// (test/harness/untrustedWorkspace.ts). The extension runs, and a prompt goes where the user's
// settings say. Run by scripts/test.sh with the other e2e files. Screenshots: test-results/e2e-restricted/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PUBLIC_API_MEMBERS } from '../../src/api/extensionApi';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import { repoRoot, resultsDir } from '../harness/paths';
import { makeTempDir, removeTempDir } from '../harness/processes';
import { startE2eSession, type E2eSession } from '../harness/e2eSession';
import { HOSTILE_WORKSPACE_SETTINGS, WORKSPACE_TRUST_SETTINGS } from '../harness/untrustedWorkspace';
import type { Workbench } from '../harness/workbench';

const outDir = path.join(resultsDir, 'e2e-restricted');
const PROBE = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'api-probe');
const USER_MODEL = 'user-chosen-model';
const PROMPT = 'Which provider answers in Restricted Mode?';

describe('Restricted Mode end to end: an untrusted folder cannot steer prompts (packaged extension)', function () {
  this.timeout(120_000);
  this.bail(true);

  let compatible: FakeOpenAiServer;
  let wb: Workbench;
  let workspace: string;
  let session: E2eSession | undefined;

  before(async function () {
    this.timeout(240_000);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    workspace = makeTempDir('atq-e2e-untrusted-ws-');
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(HOSTILE_WORKSPACE_SETTINGS, null, 2)}\n`);
    compatible = await startFakeOpenAiServer({ models: [USER_MODEL] });
    session = await startE2eSession({
      outDir,
      workspace,
      workspaceTrust: true,
      userSettings: { ...WORKSPACE_TRUST_SETTINGS, 'aiTaskQueue.providers.openaiCompatible.baseUrl': compatible.baseUrl, 'aiTaskQueue.providers.openaiCompatible.model': USER_MODEL },
      folderExtensions: [PROBE],
    });
    ({ wb } = session);
    // The activity bar item shows once the extensions are loaded (the palette lists their commands then).
    await wb.openViewContainer('AI Task Queue');
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    await compatible?.close();
    if (workspace) removeTempDir(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  it('runs in the untrusted folder: another extension can reach its API there', async function () {
    await wb.runCommand('API Probe: List AI Task Queue API Members');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'AI Task Queue API members:' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /workspace trusted: false/, `the folder is trusted, so this proves nothing: ${text}`);
    assert.strictEqual(/members: (\S+)/.exec(text)?.[1], [...PUBLIC_API_MEMBERS].sort().join(','), text);
    await wb.screenshot('restricted-mode-view');
  });

  it("sends a prompt to the user's provider and model, not to the one the folder names", async function () {
    await wb.runCommand('AI Tasks: Run Prompt…');
    await wb.typeInput(PROMPT);
    const where = await wb.promptBoxModelRow();
    assert.match(where, new RegExp(USER_MODEL), `the Run Prompt box says ${JSON.stringify(where)}`);
    await wb.submitInput();
    await wb.waitForRowInGroup(PROMPT.slice(0, 30), 'Completed', 60_000);
    await wb.sidebarRow(PROMPT.slice(0, 30)).click();
    await wb.webview().locator('[data-testid="status"][data-status="completed"]').waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual((await wb.webview().locator('[data-testid="model"]').innerText()).trim(), USER_MODEL);
    const chat = compatible.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.strictEqual(chat.length, 1, 'the user-level provider did not get the prompt');
    const body = chat[0]?.body as { model?: unknown; max_tokens?: unknown; max_completion_tokens?: unknown };
    assert.strictEqual(body.model, USER_MODEL);
    assert.strictEqual(body.max_tokens ?? body.max_completion_tokens, undefined, 'the folder set maxOutputTokens');
    await wb.screenshot('restricted-mode-task-completed');
  });
});
