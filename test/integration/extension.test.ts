// Integration tests in the real VS Code extension host (code-server), against the built extension
// loaded as extensionDevelopmentPath. The harness (test/harness/integrationMain.ts) starts the fake
// OpenAI-compatible server and points `aiTaskQueue.providers.openaiCompatible.baseUrl` at it in the
// user settings before the window opens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import type { HostMessage } from '../../src/shared/protocol';
import { fetchStreamedReply } from '../harness/fakeReply';
import { panelText } from './providerFakes';

const EXTENSION_ID = 'ai-task-queue.ai-task-queue';

interface ManifestCommand {
  readonly command: string;
}

async function activateApi(): Promise<AiTaskQueueTestApi> {
  const extension = vscode.extensions.getExtension<AiTaskQueueTestApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this window`);
  const api = await extension.activate();
  assert.ok(extension.isActive, 'extension did not become active');
  return api;
}

function configuredBaseUrl(): string {
  const baseUrl = vscode.workspace.getConfiguration('aiTaskQueue').get<string>('providers.openaiCompatible.baseUrl');
  assert.ok(baseUrl, 'aiTaskQueue.providers.openaiCompatible.baseUrl is not set');
  return baseUrl.replace(/\/+$/, '');
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function messageTaskId(message: HostMessage): string | undefined {
  if (message.type === 'task/snapshot') return message.task.id;
  if (message.type === 'panel/empty') return undefined;
  return message.taskId;
}

function messageStatus(message: HostMessage): string | undefined {
  if (message.type === 'task/snapshot') return message.task.status;
  if (message.type === 'task/state') return message.state.status;
  return undefined;
}

describe('AI Task Queue in a real VS Code extension host', function () {
  let api: AiTaskQueueTestApi;

  before(async function () {
    api = await activateApi();
  });

  it('activates and returns the API', function () {
    for (const method of ['submitPrompt', 'getTask', 'listTasks', 'waitForStatus', 'treeSnapshot', 'postedPanelMessages'] as const) {
      assert.strictEqual(typeof api[method], 'function', `api.${method} is not a function`);
    }
    assert.ok(Array.isArray(api.listTasks()), 'api.listTasks() is not an array');
  });

  it('registers exactly the commands package.json contributes', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = ((extension.packageJSON as { contributes?: { commands?: ManifestCommand[] } }).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = await vscode.commands.getCommands(true);
    const missing = contributed.filter((id) => !registered.includes(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    // VS Code itself registers <viewId>.focus, .open, .resetViewLocation, … for every contributed view.
    const views = Object.values((extension.packageJSON as { contributes?: { views?: Record<string, { id: string }[]> } }).contributes?.views ?? {}).flat();
    const generatedByWorkbench = (id: string): boolean => views.some((view) => id.startsWith(`${view.id}.`));
    const undeclared = registered.filter((id) => id.startsWith('aiTaskQueue.') && !contributed.includes(id) && !generatedByWorkbench(id));
    assert.deepStrictEqual(undeclared, [], `registered but not in package.json: ${undeclared.join(', ')}`);
  });

  it('runs a prompt against the fake server to completion: tree, output, usage before completion', async function () {
    this.timeout(90_000);
    const prompt = `Integration check ${Date.now()}: name three primary colours.`;
    // Hold the queue so the panel is already showing the task when it starts streaming.
    await vscode.commands.executeCommand('aiTaskQueue.pauseQueue');
    let taskId: string;
    try {
      taskId = api.submitPrompt({ prompt, title: 'Integration check' });
      assert.ok(taskId, 'submitPrompt returned no id');
      await vscode.commands.executeCommand('aiTaskQueue.showOutput', taskId);
      await waitUntil(
        'the output panel to receive a snapshot of the task',
        () => api.postedPanelMessages().some((m) => m.type === 'task/snapshot' && m.task.id === taskId),
        20_000,
      );
    } finally {
      await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
    }

    const done = await api.waitForStatus(taskId, ['completed', 'failed', 'cancelled'], 60_000);
    assert.strictEqual(done.status, 'completed', `task ended ${done.status}: ${JSON.stringify(done.error)}`);
    assert.strictEqual(done.simulated, false, 'a task sent to the configured server must not be marked simulated');

    const expected = await fetchStreamedReply(configuredBaseUrl(), prompt, done.model);
    assert.ok(expected.text.length > 0, 'the fake server streamed no text');
    assert.strictEqual(done.output, expected.text, 'task output differs from what the fake server streams');
    assert.strictEqual(api.getTask(taskId)?.output, expected.text);
    assert.ok(done.usage, 'completed task has no usage');
    if (expected.completionTokens !== undefined) {
      assert.strictEqual(done.usage.outputTokens, expected.completionTokens, 'output tokens differ from the usage the fake reported');
    }

    const tree = await api.treeSnapshot();
    const completed = tree.find((g) => g.status === 'completed');
    assert.ok(completed, `no completed group in the tree: ${JSON.stringify(tree)}`);
    assert.ok(completed.taskIds.includes(taskId), `task not under ${completed.label}: ${JSON.stringify(tree)}`);
    assert.match(completed.label, /^Completed\b/);
    for (const group of tree) {
      if (group.status !== 'completed') assert.ok(!group.taskIds.includes(taskId), `task also listed under ${group.label}`);
    }

    const messages = api.postedPanelMessages().filter((m) => messageTaskId(m) === taskId);
    const usageIndex = messages.findIndex((m) => m.type === 'task/state' && m.state.usage !== undefined);
    const completedIndex = messages.findIndex((m) => messageStatus(m) === 'completed');
    const outline = messages.map((m) => `${m.type}:${messageStatus(m) ?? ''}${m.type === 'task/state' && m.state.usage ? '+usage' : ''}`).join(', ');
    assert.ok(usageIndex >= 0, `no task/state with usage was posted to the panel: ${outline}`);
    assert.ok(completedIndex >= 0, `no message with status completed was posted to the panel: ${outline}`);
    assert.ok(usageIndex < completedIndex, `usage (message ${usageIndex}) did not arrive before completion (message ${completedIndex}): ${outline}`);
    const streamed = panelText(messages);
    assert.strictEqual(streamed, expected.text, 'the text streamed to the panel differs from the task output');
  });

  it('a tree row runs its click command without arguments, and the command opens the selected row', async function () {
    this.timeout(60_000);
    // With arguments, VS Code swaps a row's command for a per-render delegate that dies when the row
    // re-renders (every 150 ms while streaming): a click in between failed with "Actual command not found".
    const first = api.submitPrompt({ prompt: 'Row click check one [slow]', title: 'Row click one' });
    const second = api.submitPrompt({ prompt: 'Row click check two [slow]', title: 'Row click two' });
    try {
      await api.waitForStatus(first, ['running'], 30_000);
      await api.waitForStatus(second, ['running'], 30_000);
      for (const id of [first, second, first]) {
        const command = api.treeItem(id)?.command;
        assert.ok(command, `the row of ${id} has no command`);
        assert.deepStrictEqual(command.arguments ?? [], [], `the row's command carries arguments: ${JSON.stringify(command)}`);
        await api.selectTreeRow(id);
        await vscode.commands.executeCommand(command.id);
        assert.strictEqual(api.panelState().shownTaskId, id, 'the panel does not show the clicked row');
      }
      assert.strictEqual(api.panelState().openPanels, 1);
      // A rebuild of the whole tree (a task changing group does it) unmaps every row in VS Code until
      // the rows are fetched again; a click in that window must still open its row.
      await api.selectTreeRow(second);
      await vscode.commands.executeCommand('aiTaskQueue.clearFilter');
      await vscode.commands.executeCommand(api.treeItem(second)!.command!.id);
      assert.strictEqual(api.panelState().shownTaskId, second, 'a click right after a tree rebuild opened nothing');
    } finally {
      for (const id of [first, second]) await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
    }
  });

  it('cancels a running task with the Cancel Task command and files it under Cancelled', async function () {
    this.timeout(60_000);
    const taskId = api.submitPrompt({ prompt: 'Integration cancel check [slow]', title: 'Slow integration check' });
    await api.waitForStatus(taskId, ['running'], 30_000);
    await vscode.commands.executeCommand('aiTaskQueue.cancelTask', taskId);
    const done = await api.waitForStatus(taskId, ['cancelled', 'completed', 'failed'], 15_000);
    assert.strictEqual(done.status, 'cancelled');
    const tree = await api.treeSnapshot();
    const cancelled = tree.find((g) => g.status === 'cancelled');
    assert.ok(cancelled?.taskIds.includes(taskId), `task not under the cancelled group: ${JSON.stringify(tree)}`);
  });
});
