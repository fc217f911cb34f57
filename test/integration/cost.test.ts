// Cost control in the real extension host, against the fake OpenAI server (priced like OpenAI:
// gpt-4o-mini at $0.15 / $0.60 per 1M tokens): a batch above the cost threshold asks before
// anything is queued, a batch budget reached mid-batch pauses the queue with the rest still
// queued, and a repeated prompt is answered from the response cache with its saving shown.
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi, SubmitPromptOptions } from '../../src/api/extensionApi';
import { formatUsd } from '../../src/shared/formatUsd';
import { activateApi, describeFailure, providerFakes, setRunKeys, waitUntil, type ProviderFakes } from './providerFakes';
import { OPENAI, requestsFor, sleep, TERMINAL, unique, withSettings } from './resilienceSupport';

describe('Cost control in a real VS Code extension host (estimates, budgets, response cache)', function () {
  this.timeout(40_000);
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;
  const ours: string[] = [];

  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
  });

  afterEach(async function () {
    fakes.openai.clearQueue();
    for (const id of ours.splice(0)) {
      if (!TERMINAL.includes(api.getTask(id)?.status ?? 'completed')) await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
    }
    await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
  });

  const submit = (options: SubmitPromptOptions): string => {
    const id = api.submitPrompt(options);
    ours.push(id);
    return id;
  };

  it('a batch over the cost threshold asks first (a modal naming the figures); refused, it queues nothing and sends nothing', async function () {
    const marker = unique('batch-ask');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atq-cost-'));
    const uris = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const file = path.join(dir, `${marker}-${name}.ts`);
        await fs.writeFile(file, `// ${marker}\nexport const ${name} = ${JSON.stringify('x'.repeat(2000))};\n`);
        return vscode.Uri.file(file);
      }),
    );
    const before = api.listTasks().length;
    await withSettings({ defaultProvider: 'openai', 'cost.confirmAboveUsd': 0.0001 }, async () => {
      const command = Promise.resolve(vscode.commands.executeCommand('aiTaskQueue.runOnFiles', uris[0], uris));
      let settled = false;
      void command.then(
        () => (settled = true),
        () => (settled = true),
      );
      // The prompt box (its default instruction) is accepted as Enter would; then the confirmation.
      const deadline = Date.now() + 15_000;
      while (!settled && Date.now() < deadline) {
        await sleep(250);
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      // The test host refuses every modal dialog and throws with its text: that is the question.
      await assert.rejects(command, (error: unknown) => {
        const message = String(error instanceof Error ? error.message : error);
        assert.match(message, /refused to show dialog in tests\. Contents: Run 3 tasks \(3 files\) on gpt-4o-mini\?/);
        return true;
      });
    });
    await sleep(500);
    assert.strictEqual(api.listTasks().length, before, 'tasks were queued although the question was not answered');
    assert.strictEqual(fakes.openai.requests.filter((r) => String(JSON.stringify(r.body)).includes(marker)).length, 0, 'a request went out');
  });

  it('a batch budget reached mid-batch pauses the queue: started tasks finish, the rest stay queued and unsent', async function () {
    const batchId = randomUUID();
    const prompts = [1, 2, 3, 4].map((n) => unique(`budget ${n}`));
    await withSettings({ concurrency: 1, 'budget.batchUsd': 0.000001 }, async () => {
      const ids = prompts.map((prompt) => submit({ prompt, ...OPENAI, batchId }));
      const first = await api.waitForStatus(ids[0]!, TERMINAL, 15_000);
      assert.strictEqual(first.status, 'completed', describeFailure(first));
      assert.ok((first.costUsd ?? 0) > 0.000001, `the first task cost ${String(first.costUsd)}, not enough to reach the limit`);
      await waitUntil('the budget line in the log', () => api.recentLogLines().some((l) => /budget: batch limit \$[0-9.]+ reached .*queue paused/.test(l)), 5_000);
      await sleep(1_500);
      // The engine reports a task's usage and completion before it frees the task's slot, so the
      // pause comes before the next task could take it: everything behind #1 stays queued, unsent.
      const rest = ids.slice(1).map((id) => api.getTask(id)?.status);
      assert.deepStrictEqual(rest, ['queued', 'queued', 'queued'], `after the limit: ${JSON.stringify(ids.map((id) => api.getTask(id)?.status))}`);
      assert.deepStrictEqual(prompts.slice(1).map((p) => requestsFor(fakes.openai, p).length), [0, 0, 0], 'a task queued behind the limit was sent');
      // Resuming (as "Resume Anyway" does) lets the rest run.
    });
    await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
  });

  it('a repeated prompt is answered from the cache at once, unsent, marked "cached — saved $x"; Run Fresh sends it again', async function () {
    const prompt = unique('cache me');
    const firstId = submit({ prompt, ...OPENAI });
    const first = await api.waitForStatus(firstId, TERMINAL, 15_000);
    assert.strictEqual(first.status, 'completed', describeFailure(first));
    assert.ok(typeof first.costUsd === 'number' && first.costUsd > 0);
    assert.strictEqual(requestsFor(fakes.openai, prompt).length, 1);

    const againId = submit({ prompt, ...OPENAI });
    const again = api.getTask(againId);
    assert.strictEqual(again?.status, 'completed', 'a cache hit completes inside submit');
    assert.strictEqual(again?.output, first.output);
    assert.strictEqual(again?.costUsd, 0);
    assert.strictEqual(requestsFor(fakes.openai, prompt).length, 1, 'the cached answer was sent again');
    const row = api.treeItem(againId);
    assert.ok(row?.description?.includes(`cached — saved ${formatUsd(first.costUsd)}`), `the row does not show the saving ${formatUsd(first.costUsd)}: ${row?.description}`);
    const stats = await vscode.commands.executeCommand<string>('aiTaskQueue.showStatistics');
    assert.match(stats, /\| Saved by the response cache \| \$[0-9.]+ in \d+ cached answer\(s\)/);

    const freshId = await vscode.commands.executeCommand<string>('aiTaskQueue.runFresh', againId);
    assert.ok(freshId);
    ours.push(freshId);
    const fresh = await api.waitForStatus(freshId, TERMINAL, 15_000);
    assert.strictEqual(fresh.status, 'completed', describeFailure(fresh));
    assert.strictEqual(requestsFor(fakes.openai, prompt).length, 2, 'Run Fresh did not send the request');
  });
});
