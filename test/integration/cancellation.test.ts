// Cancellation end to end in the real extension host: cancelling a running task closes its HTTP
// request (the fake sees the client hang up) and keeps the partial output; Cancel All cancels
// everything without asking up to five tasks and asks first above that. Ollama's fake serves the
// tasks that must run together (a local server: 4 at once by default).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi, SubmitPromptOptions } from '../../src/api/extensionApi';
import type { ProviderFakes } from './providerFakes';
import { waitUntil } from './providerFakes';
import { config, OLLAMA, OPENAI, requestsFor, sleep, TERMINAL, unique, useResilienceSuite, waitForDisconnect } from './resilienceSupport';

describe('Cancellation in a real VS Code extension host (a running request, Cancel All)', function () {
  this.timeout(30_000);
  const suite = useResilienceSuite();
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;
  before(function () {
    ({ api, fakes } = suite);
  });
  const submit = (options: SubmitPromptOptions): string => suite.submit(options);

  describe('cancellation', function () {
    it('cancelling a running task closes its HTTP request (the fake sees the client hang up mid-stream) and keeps the partial output', async function () {
      // "[slow]": 20 pieces 400 ms apart.
      const prompt = unique('cancel socket [slow]');
      const id = submit({ prompt, ...OPENAI });
      await waitUntil('the slow stream to deliver some text', () => (api.getTask(id)?.output.length ?? 0) > 0, 10_000);
      const [request] = requestsFor(fakes.openai, prompt);
      assert.ok(request);
      assert.ok(!fakes.openai.disconnects.some((d) => d.requestIndex === request.index), 'the request was closed before the cancel');

      await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
      await waitForDisconnect(fakes.openai, request, 2_000);
      const done = await api.waitForStatus(id, TERMINAL, 5_000);
      assert.strictEqual(done.status, 'cancelled');
      const record = fakes.openai.disconnects.find((d) => d.requestIndex === request.index);
      assert.ok(record && record.eventsSent < 20, `the stream was not cut short: ${JSON.stringify(record)}`);
      assert.ok(done.output.length > 0, 'the partial output was dropped');
      await sleep(1_000);
      assert.strictEqual(api.getTask(id)?.status, 'cancelled');
      assert.strictEqual(requestsFor(fakes.openai, prompt).length, 1, 'a cancelled task was retried');
    });
  });

  describe('Cancel All', function () {
    /** Submits `n` slow Ollama tasks and waits until as many run as the concurrency allows. */
    async function slowTasks(n: number, what: string): Promise<{ ids: string[]; prompts: string[] }> {
      const prompts = Array.from({ length: n }, (_, i) => unique(`${what} ${i + 1} [slow]`));
      const ids = prompts.map((prompt) => submit({ prompt, ...OLLAMA }));
      // Ollama is a local server: 4 requests at once by default, under the global cap.
      const expectedRunning = Math.min(n, 4, config().get<number>('concurrency', 64));
      await waitUntil(`${expectedRunning} of the ${n} tasks to run`, () => ids.filter((id) => api.getTask(id)?.status === 'running').length === expectedRunning, 10_000);
      await waitUntil('the running tasks\' requests to reach the fake', () => prompts.filter((p) => requestsFor(fakes.ollama, p).length > 0).length === expectedRunning, 5_000);
      return { ids, prompts };
    }

    function inFlight(): number {
      return api.listTasks().filter((t) => t.status === 'queued' || t.status === 'running').length;
    }

    it('with 5 tasks (4 running, 1 queued) cancels all without asking: every one ends cancelled, each running request is closed, none completes later', async function () {
      const { ids, prompts } = await slowTasks(5, 'cancel all');
      assert.strictEqual(inFlight(), 5, 'other tasks are in flight; Cancel All would count them too');
      const running = ids.filter((id) => api.getTask(id)?.status === 'running');
      const queued = ids.filter((id) => api.getTask(id)?.status === 'queued');

      const cancelled = await vscode.commands.executeCommand<number>('aiTaskQueue.cancelAll');
      assert.strictEqual(cancelled, 5, 'Cancel All did not report 5 cancelled tasks');
      for (const id of ids) assert.strictEqual((await api.waitForStatus(id, TERMINAL, 5_000)).status, 'cancelled');
      for (const id of running) {
        const [request] = requestsFor(fakes.ollama, api.getTask(id)?.prompt ?? '');
        assert.ok(request);
        await waitForDisconnect(fakes.ollama, request);
      }
      const tree = await api.treeSnapshot();
      assert.deepStrictEqual(ids.filter((id) => !tree.find((g) => g.status === 'cancelled')?.taskIds.includes(id)), [], 'not every task is under Cancelled in the tree');

      // Nothing comes back: no task changes again, no request is retried, a queued one never starts.
      await sleep(1_500);
      assert.deepStrictEqual(ids.map((id) => api.getTask(id)?.status), ids.map(() => 'cancelled'));
      assert.deepStrictEqual(prompts.map((p) => requestsFor(fakes.ollama, p).length), ids.map((id) => (queued.includes(id) ? 0 : 1)));
      assert.strictEqual(inFlight(), 0);
    });

    it('with 6 tasks asks first in a modal dialog ("Cancel all 6 tasks?"); refused (the test host refuses modals), it cancels nothing', async function () {
      const { ids } = await slowTasks(6, 'cancel all confirm');
      assert.strictEqual(inFlight(), 6, 'other tasks are in flight; Cancel All would count them too');
      // In an extension test run VS Code's dialog service refuses every modal dialog and throws,
      // so the command's showWarningMessage({ modal: true }) rejects with the dialog's text. A
      // non-modal message would have gone to the notification centre and not thrown.
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('aiTaskQueue.cancelAll')),
        (error: unknown) => {
          assert.match(String(error instanceof Error ? error.message : error), /refused to show dialog in tests\. Contents: Cancel all 6 tasks\?/);
          return true;
        },
      );
      await sleep(300);
      assert.deepStrictEqual(
        ids.filter((id) => TERMINAL.includes(api.getTask(id)?.status ?? 'completed')),
        [],
        'tasks were cancelled (or ended) without a confirmation',
      );
    });
  });
});
