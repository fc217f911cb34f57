// Results that land (issue 10) in the real extension host: replacing a selection after its
// document was edited elsewhere (moved, never a blind overwrite), a three-file batch reviewed and
// applied with two files accepted (one undo step reverts both), Insert at Cursor, Compare with
// Source opening VS Code's diff editor, Retry Failed keeping a batch whole, the results view's
// messages, and live usage estimates while a task streams. The harness's fake server answers a
// prompt with "[rewrite]" by returning the fenced code with a comment added on top and at the end.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi, AiTaskQueueTestHooks } from '../../src/api/extensionApi';
import type { HostMessage } from '../../src/shared/protocol';
import { activateApi, waitUntil } from './providerFakes';

const TERMINAL = ['completed', 'failed', 'cancelled'] as const;

interface Outcome {
  readonly done: boolean;
  readonly message: string;
  readonly used?: string;
  readonly conflict?: boolean;
  readonly diff?: string;
}

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i + 1};`).join('\n') + '\n';

describe('Results in a real VS Code extension host (apply, review, compare, batches)', function () {
  this.timeout(60_000);
  let api: AiTaskQueueTestApi;
  let hooks: AiTaskQueueTestHooks;
  let dir: string;

  before(async function () {
    api = await activateApi();
    assert.ok(api.testing, 'the test hooks exist in ExtensionMode.Test');
    hooks = api.testing;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atq-results-'));
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  async function completed(id: string): Promise<void> {
    const task = await api.waitForStatus(id, [...TERMINAL], 30_000);
    assert.strictEqual(task.status, 'completed', `task ended ${task.status}: ${JSON.stringify(task.error)}`);
  }

  async function insertAtTop(doc: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  it('replaces a selection whose document was edited elsewhere: moved with the edit, in one undo step', async function () {
    const editor = await openFile('moved.ts', lines(12, 'const a'));
    editor.selection = new vscode.Selection(4, 0, 7, 0);
    const id = hooks.submitOnSelection(editor, 'Rewrite this [rewrite]');
    assert.strictEqual(api.getTask(id)?.source?.label, `${vscode.workspace.asRelativePath(editor.document.uri)}:5–7`, 'the panel shows where the task came from');
    await completed(id);
    await insertAtTop(editor.document, '// added above by someone else\n// and a second line\n');
    const edited = editor.document.getText();

    const outcome = await vscode.commands.executeCommand<Outcome>('aiTaskQueue.replaceSelectionWithResult', id);
    assert.ok(outcome.done, outcome.message);
    assert.match(outcome.message, /moved to line 7/, outcome.message);
    assert.match(outcome.used ?? '', /code block/);
    const expected = edited.replace('const a line 5;\nconst a line 6;\nconst a line 7;\n', '// Summary: 3 lines, reviewed by the simulator.\nconst a line 5;\nconst a line 6;\nconst a line 7;\n// End.\n');
    assert.strictEqual(editor.document.getText(), expected, 'the answer replaced the moved selection, nothing else');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), edited, 'one undo reverts the whole replacement');
  });

  it('follows the selection through edits even where its text appears twice (a text search could not tell which)', async function () {
    const block = lines(3, 'same');
    const editor = await openFile('twice.ts', `${block}// between\n${block}`);
    editor.selection = new vscode.Selection(4, 0, 7, 0);
    const id = hooks.submitOnSelection(editor, 'Rewrite this [rewrite]');
    await completed(id);
    await insertAtTop(editor.document, '// one more line above\n');
    const outcome = await vscode.commands.executeCommand<Outcome>('aiTaskQueue.replaceSelectionWithResult', id);
    assert.ok(outcome.done, outcome.message);
    assert.strictEqual(editor.document.getText(), `// one more line above\n${block}// between\n// Summary: 3 lines, reviewed by the simulator.\n${block}// End.\n`, 'the second copy was replaced, the first left alone');
  });

  it('never overwrites a selection that was itself edited since launch: nothing replaced, the diff opened', async function () {
    const editor = await openFile('clash.ts', lines(10, 'let b'));
    editor.selection = new vscode.Selection(2, 0, 5, 0);
    const id = hooks.submitOnSelection(editor, 'Rewrite this [rewrite]');
    await completed(id);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, new vscode.Range(3, 0, 3, 5), 'CHANGED');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const before = editor.document.getText();

    const outcome = await vscode.commands.executeCommand<Outcome>('aiTaskQueue.replaceSelectionWithResult', id);
    assert.strictEqual(outcome.done, false);
    assert.strictEqual(outcome.conflict, true, outcome.message);
    assert.match(outcome.message, /edited since the task started/);
    assert.strictEqual(editor.document.getText(), before, 'the document is untouched');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is not a diff: ${tab?.label}`);
    assert.strictEqual(tab.input.original.toString(), editor.document.uri.toString());
    assert.strictEqual(tab.input.modified.toString(), outcome.diff);
  });

  it('compare with source opens VS Code\'s diff editor: the file on the left, the proposal on the right', async function () {
    const editor = await openFile('compare.py', lines(8, 'x ='));
    const { taskIds } = await hooks.submitOnFiles([editor.document.uri, vscode.Uri.file(path.join(dir, 'moved.ts'))], 'Summarize [rewrite]');
    await Promise.all(taskIds.map(completed));
    const outcome = await vscode.commands.executeCommand<Outcome>('aiTaskQueue.compareResultWithSource', taskIds[0]);
    assert.ok(outcome.done, outcome.message);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is not a diff: ${tab?.label}`);
    assert.strictEqual(tab.input.original.toString(), editor.document.uri.toString());
    assert.strictEqual(tab.input.modified.scheme, 'ai-task-queue-proposal');
    const right = await vscode.workspace.openTextDocument(tab.input.modified);
    assert.strictEqual(right.getText(), `# Summary: 8 lines, reviewed by the simulator.\n${lines(8, 'x =')}# End.\n`);
    assert.strictEqual(editor.document.getText(), lines(8, 'x ='), 'comparing changes nothing');
  });

  it('inserts at the cursor of the last text editor, in one undo step', async function () {
    const editor = await openFile('target.md', 'first\nsecond\n');
    const source = await openFile('insert-source.ts', 'export const z = 1;\n');
    source.selection = new vscode.Selection(0, 0, 1, 0);
    const id = hooks.submitOnSelection(source, 'Rewrite [rewrite]');
    await completed(id);
    const target = await vscode.window.showTextDocument(editor.document);
    target.selection = new vscode.Selection(1, 0, 1, 0);
    const outcome = await vscode.commands.executeCommand<Outcome>('aiTaskQueue.insertResultAtCursor', id);
    assert.ok(outcome.done, outcome.message);
    assert.strictEqual(editor.document.getText(), 'first\n// Summary: 1 line, reviewed by the simulator.\nexport const z = 1;\n// End.\nsecond\n');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'first\nsecond\n');
  });

  it('reviews a three-file batch as one edit of per-hunk entries needing confirmation; accepting two files applies both and one undo reverts both', async function () {
    const names = ['one.ts', 'two.ts', 'three.ts'];
    const uris = names.map((n) => {
      fs.writeFileSync(path.join(dir, n), lines(12, n.replace('.ts', '')));
      return vscode.Uri.file(path.join(dir, n));
    });
    // "[slow]" in its text makes the fake stream the fourth file's answer slowly, so it can be cancelled.
    fs.writeFileSync(path.join(dir, 'four.ts'), `${lines(3, 'four')}// [slow]\n`);
    const { batchId, taskIds } = await hooks.submitOnFiles([...uris, vscode.Uri.file(path.join(dir, 'four.ts'))], 'Add a summary [rewrite]');
    // The fourth is cancelled: it must be listed as left out, not silently skipped.
    await api.waitForStatus(taskIds[3]!, ['running'], 20_000);
    await vscode.commands.executeCommand('aiTaskQueue.cancelTask', taskIds[3]);
    await Promise.all(taskIds.slice(0, 3).map(completed));

    const batch = api.treeBatches().find((b) => b.batchId === batchId);
    assert.ok(batch, 'the batch is one node in the tree');
    assert.match(batch.description, /^4 files · 4\/4 done · 1 cancelled/);
    assert.deepStrictEqual(batch.rows.map((r) => path.basename(r.label)).sort(), ['four.ts', 'one.ts', 'three.ts', 'two.ts'], 'rows are named by file');
    assert.match(batch.contextValue, /\bretryable\b/);
    assert.match(batch.contextValue, /\breviewable\b/);

    const plan = await hooks.planBatchReview(batchId);
    assert.strictEqual(plan.entries.length, 6, `two hunks per file: ${JSON.stringify(plan.entries.map((e) => e.description))}`);
    for (const e of plan.entries) {
      assert.strictEqual(e.needsConfirmation, true);
      assert.strictEqual(e.label, 'AI Tasks: Add a summary [rewrite]');
      assert.match(e.description, /^.*(one|two|three)\.ts, (before line|line|lines) \d+/);
    }
    assert.deepStrictEqual(plan.leftOut.map((l) => [path.basename(l.path), l.reason]), [['four.ts', 'cancelled']]);

    const accepted = plan.entries.flatMap((e, i) => (/(one|two)\.ts/.test(e.path) ? [i] : []));
    assert.ok(await hooks.applyBatchReview(batchId, accepted));
    const text = (n: string): string => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(dir, n))?.getText() ?? fs.readFileSync(path.join(dir, n), 'utf8');
    assert.strictEqual(text('one.ts'), `// Summary: 12 lines, reviewed by the simulator.\n${lines(12, 'one')}// End.\n`);
    assert.match(text('two.ts'), /^\/\/ Summary/);
    assert.strictEqual(text('three.ts'), lines(12, 'three'), 'the file not accepted is unchanged');

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uris[0]!));
    await vscode.commands.executeCommand('undo');
    await waitUntil('both accepted files to be reverted by one undo', () => text('one.ts') === lines(12, 'one') && text('two.ts') === lines(12, 'two'), 5_000);
  });

  it('Retry Failed runs only the failed and cancelled members again, in the same batch; the results view follows', async function () {
    const files = ['r1.md', 'r2.md'].map((n) => {
      fs.writeFileSync(path.join(dir, n), `# ${n}\n`);
      return vscode.Uri.file(path.join(dir, n));
    });
    const { batchId, taskIds } = await hooks.submitOnFiles(files, 'Review [slow]');
    await api.waitForStatus(taskIds[1]!, ['running'], 20_000);
    await vscode.commands.executeCommand('aiTaskQueue.cancelTask', taskIds[1]);
    await api.waitForStatus(taskIds[1]!, ['cancelled'], 10_000);
    await vscode.commands.executeCommand('aiTaskQueue.showBatchResults', batchId);
    await waitUntil('the results view to get its snapshot', () => hooks.resultsMessages().some((m) => m.type === 'results/snapshot' && m.batch.batchId === batchId), 15_000);

    const again = await vscode.commands.executeCommand<string[]>('aiTaskQueue.retryFailedInBatch', batchId);
    assert.strictEqual(again.length, 1, 'only the cancelled member runs again');
    assert.strictEqual(api.retryOf(again[0]!), taskIds[1]);
    assert.strictEqual(api.getTask(again[0]!)?.source?.label, api.getTask(taskIds[1]!)?.source?.label, 'the rerun keeps its source');
    const rows = (): string[] => api.treeBatches().find((b) => b.batchId === batchId)?.rows.map((r) => r.taskId) ?? [];
    await waitUntil('the batch node to show the rerun instead of the cancelled run', () => rows().includes(again[0]!) && !rows().includes(taskIds[1]!), 5_000);
    await waitUntil('the results view to list the rerun', () => hooks.resultsMessages().some((m) => m.type === 'results/snapshot' && m.batch.batchId === batchId && m.rows.some((r) => r.id === again[0])), 5_000);
    await vscode.commands.executeCommand('aiTaskQueue.cancelBatch', batchId);
    await api.waitForStatus(again[0]!, [...TERMINAL], 10_000);
    // The view's rows follow each status as the webview applies them: a snapshot replaces the rows,
    // an update replaces the rows it carries (an update that dropped its rows left them "Running").
    const shown = new Map<string, string>();
    await waitUntil('the results view to show every member as the engine has it', () => {
      shown.clear();
      for (const m of hooks.resultsMessages()) {
        if ((m.type !== 'results/snapshot' && m.type !== 'results/update') || m.batch.batchId !== batchId) continue;
        if (m.type === 'results/snapshot') shown.clear();
        for (const r of m.rows) shown.set(r.id, r.status);
      }
      return [taskIds[0]!, again[0]!].every((id) => shown.get(id) === api.getTask(id)?.status);
    }, 5_000).catch(() => assert.fail(`the results view shows ${JSON.stringify([...shown])}; the engine has ${[taskIds[0]!, again[0]!].map((id) => `${id}: ${api.getTask(id)?.status}`).join(', ')}`));
  });

  it('counts usage up while streaming, as estimates, then shows the provider\'s figures', async function () {
    const id = api.submitPrompt({ prompt: 'Count along [slow]' });
    await vscode.commands.executeCommand('aiTaskQueue.showOutput', id);
    const done = await api.waitForStatus(id, [...TERMINAL], 40_000);
    assert.strictEqual(done.status, 'completed');
    const mine = api.postedPanelMessages().filter((m): m is Extract<HostMessage, { type: 'task/output' }> => m.type === 'task/output' && m.taskId === id);
    const estimates = mine.flatMap((m) => (m.estimate ? [m.estimate.usage.outputTokens] : []));
    assert.ok(estimates.length >= 2, `expected several live estimates, got ${estimates.length}`);
    assert.ok(mine.every((m) => !m.estimate || m.estimate.usage.estimated), 'live figures are labelled as estimates');
    assert.ok(estimates.every((n, i) => i === 0 || n >= estimates[i - 1]!), `estimates count up: ${estimates.join(', ')}`);
    assert.strictEqual(done.usage?.estimated, false, 'the provider\'s figures replace the estimate at the end');
  });
});
