// Prompt files and workflows in the real extension host (code-server), against the fake
// OpenAI-compatible server the harness starts: a prompt file run over three files (a batch with
// per-file variables, scored by its checks, rated), a three-step workflow whose step progress
// reaches the tree and the panel and whose cancel in step 2 leaves step 3 unrun, and (run alone) a
// window reload mid-workflow that comes back interrupted at its step and resumes from it:
//   ATQ_INTEGRATION_GREP="workflow reload" node out/test/harness/integrationMain.js
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import { activateApi, waitUntil } from './providerFakes';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the harness opens a folder');
  return folder;
}

function write(relative: string, text: string): vscode.Uri {
  const file = path.join(workspaceFolder(), relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

const WORKFLOW = (marker: string): string =>
  [
    '---',
    `name: ${marker} post`,
    'checks:',
    '  - contains: "[slow]"',
    '---',
    `Topic: ${marker}.`,
    '',
    '## Step: outline',
    'Write an outline.',
    '',
    '## Step: draft',
    'Draft from this outline, slowly [slow]:',
    '',
    '${step:outline}',
    '',
    '## Step: edit',
    'Edit: ${step:draft}',
  ].join('\n');

describe('prompt files and workflows in a real VS Code', function () {
  let api: AiTaskQueueTestApi;
  const marker = `pf-${Date.now()}`;
  const cleanup: string[] = [];

  before(async function () {
    api = await activateApi();
  });

  after(async function () {
    for (const id of cleanup) await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
  });

  it('runs a prompt file over three files: one task per file, per-file variables, a batch, scored by its checks, rated', async function () {
    const files = ['a', 'b', 'c'].map((n) => write(`pf/${marker}-${n}.txt`, `contents of ${n}`));
    const prompt = write(`.github/prompts/${marker}-review.prompt.md`, ['---', 'description: Review one file', 'priority: high', 'checks:', '  - maxLength: 100000', '  - contains: "this text is never in a reply"', '---', 'Review ${fileBasename}:', '', '${fileContent}'].join('\n'));
    const ids = (await vscode.commands.executeCommand<string[]>('aiTaskQueue.runPromptFileOnFiles', undefined, files, prompt)) ?? [];
    cleanup.push(...ids);
    assert.strictEqual(ids.length, 3, 'one task per file');
    await waitUntil('the three tasks to complete', () => ids.every((id) => api.getTask(id)?.status === 'completed'), 30_000);
    const tasks = ids.map((id) => api.getTask(id)!);
    assert.deepStrictEqual(tasks.map((t) => t.prompt), ['a', 'b', 'c'].map((n) => `Review ${marker}-${n}.txt:\n\ncontents of ${n}`));
    assert.deepStrictEqual(tasks.map((t) => t.priority), ['high', 'high', 'high']);
    assert.strictEqual(tasks[0]!.promptFile?.path, `.github/prompts/${marker}-review.prompt.md`);
    assert.match(tasks[0]!.promptFile?.version ?? '', /^[0-9a-f]{12}$/);
    assert.deepStrictEqual(tasks.map((t) => t.quality?.score), [0.5, 0.5, 0.5]);
    assert.deepStrictEqual(tasks[0]!.quality?.failed.map((f) => f.check), ['contains "this text is never in a reply"']);
    assert.match(api.treeItem(ids[0]!)?.description ?? '', /score 50 %/);
    await vscode.commands.executeCommand('aiTaskQueue.rateGood', ids[0]);
    assert.strictEqual(api.getTask(ids[0]!)?.rating, 'up');
    await waitUntil('the tree to show the rating', () => (api.treeItem(ids[0]!)?.description ?? '').includes('rated good'), 5_000);
    // The export carries the batch, the score with its failed check, the rating and the prompt file version.
    const out = path.join(workspaceFolder(), `pf/${marker}-export.json`);
    await vscode.commands.executeCommand('aiTaskQueue.exportTasks', { format: 'json', uri: out, taskIds: ids });
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as { tasks: { batchId?: string; quality?: { score: number }; rating?: string; promptFile?: { version: string } }[] };
    assert.strictEqual(new Set(doc.tasks.map((t) => t.batchId)).size, 1, 'the tasks are one batch');
    assert.ok(doc.tasks[0]!.batchId);
    assert.deepStrictEqual(doc.tasks.map((t) => [t.quality?.score, t.rating, t.promptFile?.version]), [[0.5, 'up', tasks[0]!.promptFile?.version], [0.5, undefined, tasks[0]!.promptFile?.version], [0.5, undefined, tasks[0]!.promptFile?.version]]);
  });

  it('refuses a malformed prompt file before queueing anything, naming the line in the Problems panel', async function () {
    const before = api.listTasks().length;
    const bad = write(`.github/prompts/${marker}-bad.prompt.md`, ['---', 'priority: asap', '---', 'Use ${step:nowhere}'].join('\n'));
    const ids = await vscode.commands.executeCommand<string[]>('aiTaskQueue.runPromptFile', bad);
    assert.deepStrictEqual(ids, []);
    assert.strictEqual(api.listTasks().length, before);
    const problems = vscode.languages.getDiagnostics(bad).map((d) => [d.range.start.line + 1, d.message]);
    assert.deepStrictEqual(problems.map(([line]) => line), [2, 4], JSON.stringify(problems));
    assert.match(String(problems[0]![1]), /priority: expected one of/);
  });

  it('a three-step workflow shows its step in the tree and the panel; cancel in step 2 leaves step 3 unrun', async function () {
    const prompt = write(`.github/prompts/${marker}-post.prompt.md`, WORKFLOW(marker));
    const ids = (await vscode.commands.executeCommand<string[]>('aiTaskQueue.runPromptFile', prompt)) ?? [];
    cleanup.push(...ids);
    assert.strictEqual(ids.length, 1, 'a workflow is one task');
    const id = ids[0]!;
    await waitUntil('step 2 to stream', () => api.getTask(id)?.stepIndex === 1 && (api.getTask(id)?.output.length ?? 0) > 0, 30_000);
    assert.match(api.treeItem(id)?.description ?? '', /step 2 of 3 — draft/);
    assert.match(api.treeItem(id)?.tooltip ?? '', /Workflow: 33 % \(1 of 3 steps\)/);
    // The panel's webview may still be loading (it posts "ready" first); step 2 streams for 30 s.
    const stepTwo = (): ReturnType<AiTaskQueueTestApi['postedPanelMessages']>[number] | undefined => api.postedPanelMessages().find((m) => m.type === 'task/snapshot' && m.task.id === id && m.task.stepIndex === 1);
    await waitUntil('the panel to be sent step 2', () => stepTwo() !== undefined, 20_000);
    const snapshot = stepTwo();
    assert.ok(snapshot && snapshot.type === 'task/snapshot', 'the panel was not sent step 2');
    assert.deepStrictEqual(snapshot.task.steps?.map((s) => s.status), ['completed', 'running', 'pending']);
    assert.ok((snapshot.task.stepOutputs?.[0] ?? '').length > 0, 'step 1 output reached the panel');
    await waitUntil('the running step to stream into the panel', () => api.postedPanelMessages().some((m) => m.type === 'task/output' && m.taskId === id), 20_000);

    await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
    await waitUntil('the workflow to be cancelled', () => api.getTask(id)?.status === 'cancelled', 10_000);
    const done = api.getTask(id)!;
    assert.deepStrictEqual(done.steps?.map((s) => s.status), ['completed', 'cancelled', 'skipped']);
    assert.strictEqual(done.steps?.[2]?.attempts, 0, 'step 3 was never sent');
    assert.ok(done.log?.some((l) => l.message === 'step 2 of 3 — draft: started'), JSON.stringify(done.log));
  });

  it('workflow reload: a workflow running in step 2 comes back interrupted at step 2 and resumes from it', async function () {
    if (!process.env.ATQ_INTEGRATION_GREP?.includes('workflow reload')) this.skip();
    const markerFile = path.join(workspaceFolder(), '.atq-workflow-reload.json');
    if (!fs.existsSync(markerFile)) {
      const prompt = write(`.github/prompts/${marker}-reload.prompt.md`, WORKFLOW(marker));
      const [id] = (await vscode.commands.executeCommand<string[]>('aiTaskQueue.runPromptFile', prompt)) ?? [];
      assert.ok(id);
      await waitUntil('step 2 to stream', () => api.getTask(id)?.stepIndex === 1 && (api.getTask(id)?.output.length ?? 0) > 0, 30_000);
      // A streaming task is saved at least every 2 s.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      assert.strictEqual(api.getTask(id)?.status, 'running');
      fs.writeFileSync(markerFile, JSON.stringify({ id }));
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await new Promise((resolve) => setTimeout(resolve, 50_000));
      assert.fail('the window did not reload');
    }
    const { id } = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { id: string };
    fs.rmSync(markerFile);
    const back = api.getTask(id);
    assert.strictEqual(back?.status, 'failed');
    assert.strictEqual(back.error?.code, 'INTERRUPTED');
    assert.match(back.error.message, /^Step 2 of 3 \(draft\) was interrupted/);
    assert.deepStrictEqual(back.steps?.map((s) => s.status), ['completed', 'failed', 'pending']);
    const resumed = (await vscode.commands.executeCommand<string[]>('aiTaskQueue.resumeInterrupted')) ?? [];
    cleanup.push(...resumed);
    const again = resumed.find((r) => api.retryOf(r) === id);
    assert.ok(again, 'the workflow was not resumed');
    await waitUntil('the resumed workflow to run step 2', () => api.getTask(again)?.stepIndex === 1 && api.getTask(again)?.status === 'running', 30_000);
    const task = api.getTask(again)!;
    assert.deepStrictEqual(task.steps?.map((s) => [s.status, s.carried ?? false]), [['completed', true], ['running', false], ['pending', false]]);
    assert.ok((task.stepOutputs?.[0] ?? '').length > 0 && task.stepOutputs?.[0] === back.stepOutputs?.[0], 'step 1 output reused, not re-run');
  });
});
