// Provider batches in the real extension host: a batch launched as "Run as Provider Batch" goes to
// the fake OpenAI Batch API or Anthropic Message Batches (running in this host, on the ports the
// settings name), waits at the provider (the tree's Waiting group, a Provider Batches row with the
// provider's status and counts), and its results land in the right tasks, billed at batch prices.
// The window-reload test runs on its own:
//   ATQ_INTEGRATION_GREP="provider batch reload" node out/test/harness/integrationMain.js
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import type { ProviderBatchTestHooks } from '../../src/api/providerBatchTestHooks';
import type { TaskView } from '../../src/shared/protocol';
import { fakeTokenCount } from '../fakes/fakeTokenCount';
import { activateApi, providerFakes, setRunKeys, waitUntil, type ProviderFakes } from './providerFakes';

const ENDED = ['completed', 'failed', 'cancelled'] as const;

/** gpt-4o-mini at half its price (pricingTable.ts: input 0.15, output 0.60 per 1M), written out by hand. */
function batchCostGpt4oMini(prompt: string, reply: string): number {
  return (fakeTokenCount(prompt) * 0.075 + fakeTokenCount(reply) * 0.3) / 1e6;
}

async function allEnded(api: AiTaskQueueTestApi, ids: readonly string[], timeoutMs = 30_000): Promise<TaskView[]> {
  return Promise.all(ids.map((id) => api.waitForStatus(id, ENDED, timeoutMs)));
}

function hooks(api: AiTaskQueueTestApi): ProviderBatchTestHooks {
  assert.ok(api.providerBatches, 'the provider batch test hooks are missing: is the extension running in ExtensionMode.Test?');
  return api.providerBatches;
}

describe('Provider batches in a real VS Code extension host (fake batch APIs)', function () {
  this.timeout(90_000);
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;
  const marker = `pb-${Date.now()}`;

  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
  });

  it('a batch run as an OpenAI provider batch waits at the provider, shows its status and counts in the tree, and its results land in the right tasks at batch prices', async function () {
    fakes.openai.batches.setTimings({ inProgressMs: 1_500 });
    const prompts = [`${marker} a`, `${marker} b`, `${marker} c [batch-error]`, `${marker} d`];
    const { jobIds, taskIds } = await hooks(api).launch({ providerId: 'openai', model: 'gpt-4o-mini', prompts, title: `${marker} review`, batchId: `${marker}-b` });
    assert.strictEqual(jobIds.length, 1);
    // Grouped by batch (the default), the tasks are rows of their batch's node, which stays active while they wait.
    const node = api.treeBatches().find((b) => b.batchId === `${marker}-b`);
    assert.deepStrictEqual([...(node?.rows.map((r) => r.taskId) ?? [])].sort(), [...taskIds].sort(), 'the tasks are not under their batch in the tree');
    assert.match(node?.contextValue ?? '', /\bactive\b/, 'a batch whose tasks wait at the provider is not done');
    await waitUntil('the tree row to show the provider’s status and counts', () => /OpenAI · in progress · \d \/ 4 done/.test(hooks(api).tree().find((r) => r.jobId === jobIds[0])?.description ?? ''), 20_000);
    assert.match(api.treeItem(taskIds[0]!)?.description ?? '', /at OpenAI: (in progress|finalizing)/);
    const row = hooks(api).tree().find((r) => r.jobId === jobIds[0])!;
    assert.strictEqual(row.contextValue, 'providerBatch.active.results');
    assert.strictEqual(fakes.openai.requests.filter((r) => r.path === '/v1/chat/completions' && r.rawBody.includes(marker)).length, 0, 'a request of the batch went through the local queue');

    const tasks = await allEnded(api, taskIds);
    assert.deepStrictEqual(tasks.map((t) => t.status), ['completed', 'completed', 'failed', 'completed']);
    assert.strictEqual(tasks[0]!.output, `Batch reply to: ${prompts[0]}`);
    assert.strictEqual(tasks[3]!.output, `Batch reply to: ${prompts[3]}`);
    assert.strictEqual(tasks[2]!.error?.code, 'BAD_REQUEST');
    const cost = tasks[0]!.costUsd;
    assert.ok(typeof cost === 'number' && Math.abs(cost - batchCostGpt4oMini(prompts[0]!, tasks[0]!.output)) < 1e-12, `cost ${String(cost)} is not half the standard price`);
    await waitUntil('the job row to say it ended with a failure', () => hooks(api).tree().find((r) => r.jobId === jobIds[0])?.contextValue === 'providerBatch.ended.retryable.results', 10_000);
    assert.match(hooks(api).tree().find((r) => r.jobId === jobIds[0])!.description, /OpenAI · ended · 4 \/ 4 done · 1 failed/);
    assert.ok(api.recentLogLines().some((l) => l.includes(`job ${jobIds[0]}: ended`)));
  });

  it('a batch of files run as a provider batch has its results in the batch’s results view and its Review and Apply, like a batch run here', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    fakes.openai.batches.setTimings({ inProgressMs: 400 });
    const names = [`${marker}-one.md`, `${marker}-two.md`];
    const uris = names.map((n) => {
      fs.writeFileSync(path.join(folder, n), `# ${n}\nold text\n`);
      return vscode.Uri.file(path.join(folder, n));
    });
    // The fake answers with the prompt's first 60 characters: an instruction longer than that keeps the file's fence out of the answer.
    const { batchId, jobIds, taskIds } = await hooks(api).launchFiles({ providerId: 'openai', model: 'gpt-4o-mini', prompt: `${marker} rewrite this file as one sentence that says what it is for`, uris });
    assert.strictEqual(jobIds.length, 1);
    const tasks = await allEnded(api, taskIds);
    assert.deepStrictEqual(tasks.map((t) => t.status), ['completed', 'completed']);
    assert.deepStrictEqual(tasks.map((t) => t.source?.label !== undefined), [true, true], 'the tasks lost the files they were run on');
    await waitUntil('the job row to offer the batch’s results and its review', () => /\.results\.reviewable$/.test(hooks(api).tree().find((r) => r.jobId === jobIds[0])?.contextValue ?? ''), 10_000);

    const batch = api.treeBatches().find((b) => b.batchId === batchId);
    assert.ok(batch, 'the batch is one node in the tree');
    assert.match(batch.description, /^2 files · 2\/2 done/);
    assert.match(batch.contextValue, /\breviewable\b/);
    await vscode.commands.executeCommand('aiTaskQueue.showBatchResults', batchId);
    await waitUntil('the results view to list both files', () => api.testing.resultsMessages().some((m) => m.type === 'results/snapshot' && m.batch.batchId === batchId && taskIds.every((id) => m.rows.some((r) => r.id === id))), 15_000);

    const plan = await api.testing.planBatchReview(batchId);
    assert.deepStrictEqual([...new Set(plan.entries.map((e) => path.basename(e.path)))].sort(), [...names].sort(), JSON.stringify(plan));
    assert.ok(await api.testing.applyBatchReview(batchId, plan.entries.map((_, i) => i)));
    const text = (n: string): string => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(folder, n))?.getText() ?? fs.readFileSync(path.join(folder, n), 'utf8');
    for (const [i, n] of names.entries()) assert.match(text(n), new RegExp(`Batch reply to: ${marker} rewrite`), `${n} did not get task ${i}'s answer: ${JSON.stringify(text(n))} (answer ${JSON.stringify(tasks[i]!.output)})`);
    for (const doc of vscode.workspace.textDocuments.filter((d) => names.some((n) => d.uri.fsPath.endsWith(n)))) await doc.save();
  });

  it('Anthropic: an expired request fails as EXPIRED and is retried through the local queue; a cancel keeps what was done', async function () {
    fakes.anthropic.batches.setTimings({ inProgressMs: 600 });
    const { jobIds, taskIds } = await hooks(api).launch({ providerId: 'anthropic', model: 'claude-haiku-4-5', prompts: [`${marker} x`, `${marker} y [batch-expire]`], title: `${marker} anthropic` });
    const tasks = await allEnded(api, taskIds);
    assert.deepStrictEqual(tasks.map((t) => [t.status, t.error?.code]), [['completed', undefined], ['failed', 'EXPIRED']]);
    const retried = await hooks(api).retryFailed(jobIds[0]!, 'local');
    assert.strictEqual(retried.length, 1);
    const again = await api.waitForStatus(retried[0]!, ENDED, 30_000);
    assert.strictEqual(again.status, 'completed', `${again.error?.code}: ${again.error?.message}`);
    assert.strictEqual(api.retryOf(retried[0]!), taskIds[1]);

    fakes.anthropic.batches.setTimings({ inProgressMs: 4_000 });
    const big = await hooks(api).launch({ providerId: 'anthropic', model: 'claude-haiku-4-5', prompts: Array.from({ length: 10 }, (_, i) => `${marker} cancel ${i}`), title: `${marker} cancelled` });
    await waitUntil('the batch to be at Anthropic', () => hooks(api).jobs().find((j) => j.id === big.jobIds[0])?.parts[0]?.state === 'submitted', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.strictEqual(hooks(api).cancel(big.jobIds[0]!), true);
    const ended = await allEnded(api, big.taskIds);
    const completed = ended.filter((t) => t.status === 'completed').length;
    assert.ok(completed > 0 && completed < 10, ended.map((t) => t.status).join());
    assert.strictEqual(ended.filter((t) => t.status === 'cancelled').length, 10 - completed);
  });

  // A reload replaces the extension host; the test payload runs again from the start, so this test
  // has two phases told apart by a marker file in the workspace. It runs only when selected alone.
  it('provider batch reload: after a reload of the window in the middle of a provider batch, polling resumes and the results land in the right tasks', async function () {
    if (!process.env.ATQ_INTEGRATION_GREP?.includes('provider batch reload')) this.skip();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const markerFile = path.join(folder, '.atq-batch-reload-phase-1.json');
    if (!fs.existsSync(markerFile)) {
      // Long enough to still be in progress when the new window has started.
      fakes.openai.batches.setTimings({ validatingMs: 200, inProgressMs: 20_000 });
      const prompts = Array.from({ length: 5 }, (_, i) => `${marker} reload ${i}`);
      const { jobIds, taskIds } = await hooks(api).launch({ providerId: 'openai', model: 'gpt-4o-mini', prompts, title: `${marker} reload` });
      await waitUntil('the batch to be in progress at OpenAI', () => hooks(api).jobs().find((j) => j.id === jobIds[0])?.parts[0]?.status?.phase === 'in_progress', 20_000);
      const batchId = hooks(api).jobs().find((j) => j.id === jobIds[0])!.parts[0]!.providerBatchId;
      // Saved on every change; wait for the history's 2 s save window too.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      fs.writeFileSync(markerFile, JSON.stringify({ jobId: jobIds[0], taskIds, prompts, batchId }));
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await new Promise((resolve) => setTimeout(resolve, 50_000));
      assert.fail('the window did not reload');
    }
    const { jobId, taskIds, prompts, batchId } = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { jobId: string; taskIds: string[]; prompts: string[]; batchId: string };
    fs.rmSync(markerFile);
    const back = taskIds.map((id) => api.getTask(id));
    assert.deepStrictEqual(back.map((t) => t?.status), Array(5).fill('waiting'), 'the tasks did not come back waiting at the provider');
    assert.ok(api.recentLogLines().some((l) => l.includes('5 waiting at their provider')), 'the history did not report the tasks waiting at their provider');
    const job = hooks(api).jobs().find((j) => j.id === jobId);
    assert.strictEqual(job?.parts[0]?.providerBatchId, batchId, 'the job came back without its provider batch');
    // This window's fakes (and keys) are new: the batch itself lives on in the fake's state file.
    await setRunKeys(api, fakes.keys);
    await waitUntil('a check of the batch from this window', () => fakes.openai.requests.some((r) => r.method === 'GET' && r.path === `/v1/batches/${batchId}`), 20_000);
    assert.match(api.treeItem(taskIds[0]!)?.description ?? '', /at OpenAI: (in progress|finalizing)/);
    const tasks = await allEnded(api, taskIds, 40_000);
    assert.deepStrictEqual(tasks.map((t) => t.output), prompts.map((p) => `Batch reply to: ${p}`));
    assert.strictEqual(fakes.openai.batches.batches.size, 1, 'the batch was submitted again after the reload');
    assert.ok(!fakes.openai.requests.some((r) => r.path === '/v1/batches' && r.method === 'POST'), 'this window created a batch');
  });
});
