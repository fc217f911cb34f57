// Resilience end to end in the real extension host: what the tree row and the output panel show
// while a task waits to retry or for its provider, that a retried attempt's text replaces the
// failed one's, pause-on-failure, Retry with Another Model…, the dead-letter tooltip of a failed
// task and which time limit fired. Cancellation is in cancellation.test.ts.
//
// Faults are scripted on the in-host fakes (providerFakes.ts). A 429 holds its provider for the
// retry-after and may lower its learned rate, so tests that need several tasks running at once use
// the Ollama fake, which no test here rate limits. The fakes listen on 127.0.0.1, so every provider
// here counts as a local server: 4 requests in flight at once unless providerLimits says otherwise.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi, SubmitPromptOptions } from '../../src/api/extensionApi';
import type { HostMessage, TaskView } from '../../src/shared/protocol';
import { describeFailure, messageTaskId, waitUntil, type ProviderFakes } from './providerFakes';
import { config, OPENAI, parseDuration, renderedText, requestsFor, sleep, TERMINAL, unique, useResilienceSuite, waitForDisconnect, withSettings, type OutputMessage } from './resilienceSupport';

describe('Resilience in a real VS Code extension host (retries, pause on failure, dead letters, time limits)', function () {
  this.timeout(30_000);
  const suite = useResilienceSuite();
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;
  before(function () {
    ({ api, fakes } = suite);
  });
  const submit = (options: SubmitPromptOptions): string => suite.submit(options);

  /** Submits with the queue paused and the output panel showing the task, so the panel sees all of it. */
  async function submitShown(options: SubmitPromptOptions): Promise<string> {
    await vscode.commands.executeCommand('aiTaskQueue.pauseQueue');
    try {
      const id = submit(options);
      await vscode.commands.executeCommand('aiTaskQueue.showOutput', id);
      await waitUntil('the output panel to show the task', () => api.postedPanelMessages().some((m) => m.type === 'task/snapshot' && m.task.id === id), 20_000);
      return id;
    } finally {
      await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
    }
  }

  function panelMessages(taskId: string): HostMessage[] {
    return api.postedPanelMessages().filter((m) => messageTaskId(m) === taskId);
  }

  function tooltipOf(taskId: string): string {
    const tooltip = api.treeItem(taskId)?.tooltip;
    assert.ok(tooltip, `task ${taskId} has no tree row with a tooltip`);
    return renderedText(tooltip);
  }


  describe('retries', function () {
    it('429 with Retry-After: 2 — the tree row says "waiting: HTTP 429 …; resending in 2s… 1s (attempt 2 of N; …)" under Waiting for Provider, not Running, then the task completes', async function () {
      const maxAttempts = config().get<number>('maxAttempts', 3);
      assert.ok(maxAttempts >= 2, 'aiTaskQueue.maxAttempts must allow a retry for this test');
      const prompt = unique('429');
      const reply = 'Recovered once the rate limit lifted.';
      fakes.openai.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '2' } }, { kind: 'reply', text: reply });
      const id = submit({ prompt, ...OPENAI });

      const descriptions: string[] = [];
      let retryRowUnderWaiting: boolean | undefined;
      let badgeWhileWaiting: string | undefined;
      let firstRequestAt: number | undefined;
      let secondRequestAt: number | undefined;
      const deadline = Date.now() + 15_000;
      while (!TERMINAL.includes(api.getTask(id)?.status ?? 'queued')) {
        assert.ok(Date.now() < deadline, `task still ${api.getTask(id)?.status} after 15 s; rows seen: ${JSON.stringify(descriptions)}`);
        const description = api.treeItem(id)?.description ?? '';
        if (descriptions.at(-1) !== description) descriptions.push(description);
        if (retryRowUnderWaiting === undefined && description.includes('resending in')) {
          const groups = await api.treeSnapshot();
          retryRowUnderWaiting = (groups.find((g) => g.status === 'waiting')?.taskIds.includes(id) ?? false) && !(groups.find((g) => g.status === 'running')?.taskIds.includes(id) ?? false);
          badgeWhileWaiting = api.getTask(id)?.status;
        }
        const sent = requestsFor(fakes.openai, prompt).length;
        if (sent >= 1) firstRequestAt ??= Date.now();
        if (sent >= 2) secondRequestAt ??= Date.now();
        await sleep(40);
      }

      const done = api.getTask(id) as TaskView;
      assert.strictEqual(done.status, 'completed', describeFailure(done));
      assert.strictEqual(done.output, reply);
      assert.strictEqual(done.attempts, 2);
      const retryRows = descriptions.flatMap((d) => {
        const m = /waiting: (.+?); resending in (\d+)s \(attempt (\d+) of (\d+); (.+?)\)(?: · |$)/.exec(d);
        return m ? [{ why: m[1] ?? '', seconds: Number(m[2]), attempt: Number(m[3]), of: Number(m[4]), note: m[5] ?? '' }] : [];
      });
      // A 429 does not use up an attempt, so the count of allowed attempts goes up by one.
      assert.ok(retryRows.length > 0, `the tree row never said "waiting: …; resending in Ns (attempt 2 of ${maxAttempts + 1}; …)"; it showed ${JSON.stringify(descriptions)}`);
      for (const row of retryRows) {
        assert.strictEqual(row.attempt, 2);
        assert.strictEqual(row.of, maxAttempts + 1);
        assert.match(row.why, /429/, 'the reason names the 429');
        assert.strictEqual(row.note, 'a rate limit does not use up an attempt', 'and says why the count went up');
      }
      // The server's 2 s wins over the 0.5 s backoff, and the row counts down.
      assert.deepStrictEqual([...new Set(retryRows.map((r) => r.seconds))], [2, 1], `countdown seen: ${JSON.stringify(descriptions)}`);
      assert.strictEqual(retryRowUnderWaiting, true, 'while its provider held it back, the task was under "Waiting for Provider", not Running');
      assert.strictEqual(badgeWhileWaiting, 'waiting');
      assert.ok(firstRequestAt !== undefined && secondRequestAt !== undefined, 'the fake did not get two requests');
      assert.ok(secondRequestAt - firstRequestAt >= 1_800, `the retry went out ${secondRequestAt - firstRequestAt} ms after the 429, not after the 2 s asked for`);
      assert.doesNotMatch(api.treeItem(id)?.description ?? '', /resending/, 'the completed row still shows the countdown');
      // Every log line about the task names it and the attempt; the failed attempt names its class, status and request id.
      const lines = api.recentLogLines().filter((l) => l.includes(id));
      const [firstRequest] = requestsFor(fakes.openai, prompt);
      assert.ok(lines.some((l) => l.includes(`task ${id} attempt 1: failed (RATE_LIMITED, HTTP 429, request req_fake_${firstRequest!.index})`)), `no correlated failure line in ${JSON.stringify(lines)}`);
      assert.ok(lines.some((l) => l.includes(`task ${id} attempt 2: sending to OpenAI gpt-4o-mini`)), `no line for attempt 2 in ${JSON.stringify(lines)}`);
      assert.ok(lines.some((l) => l.includes(`task ${id} attempt 2: completed`)), `no completion line naming attempt 2 in ${JSON.stringify(lines)}`);
    });

    it('a task held by its provider\'s request rate (providerLimits 2/min) is listed under Waiting for Provider with the wait, not under Running', async function () {
      await withSettings({ providerLimits: { openai: { requestsPerMinute: 2 } } }, async () => {
        const first = submit({ prompt: unique('paced first'), ...OPENAI });
        const second = submit({ prompt: unique('paced second'), ...OPENAI });
        await api.waitForStatus(first, TERMINAL, 15_000);
        await waitUntil('the second task to wait for the rate', () => api.getTask(second)?.status === 'waiting', 5_000);
        const row = api.treeItem(second)?.description ?? '';
        assert.match(row, /waiting: OpenAI's request rate, next request in \d+s/, `the row does not say why it waits: ${row}`);
        const groups = await api.treeSnapshot();
        assert.ok(groups.find((g) => g.status === 'waiting')?.taskIds.includes(second), 'not under Waiting for Provider');
        assert.ok(!(groups.find((g) => g.status === 'running')?.taskIds.includes(second) ?? false), 'listed as running');
        await vscode.commands.executeCommand('aiTaskQueue.cancelTask', second);
        assert.strictEqual((await api.waitForStatus(second, TERMINAL, 5_000)).status, 'cancelled');
      });
    });

    it('an error after streamed text (data: {"error"}) restarts cleanly: the output and the panel hold only the second attempt\'s text, after a restart marker', async function () {
      const prompt = unique('midstream');
      const failedText = 'alpha bravo charlie delta echo foxtrot';
      const secondText = 'one two three four five six';
      fakes.openai.enqueue(
        { kind: 'reply', text: failedText, chunkDelayMs: 80, errorAfterChunks: { chunks: 3, error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } } },
        { kind: 'reply', text: secondText, chunkDelayMs: 80 },
      );
      const id = await submitShown({ prompt, ...OPENAI });
      const done = await api.waitForStatus(id, TERMINAL, 20_000);
      await sleep(100);

      assert.strictEqual(done.status, 'completed', describeFailure(done));
      assert.strictEqual(done.attempts, 2);
      assert.strictEqual(done.output, secondText, 'the task output is not exactly the second attempt\'s text');
      assert.strictEqual(requestsFor(fakes.openai, prompt).length, 2);

      const messages = panelMessages(id);
      const outputs = messages.filter((m): m is OutputMessage => m.type === 'task/output');
      const restartAt = outputs.findIndex((m) => m.restart === true);
      assert.ok(restartAt > 0, `no restart after streamed text reached the panel: ${JSON.stringify(outputs)}`);
      assert.strictEqual(outputs[restartAt]?.attempt, 2, 'the restart does not name attempt 2');
      assert.strictEqual(outputs.slice(0, restartAt).map((m) => m.text).join(''), 'alpha bravo charlie ', 'the failed attempt\'s text did not reach the panel before the error');
      assert.strictEqual(outputs.slice(restartAt).map((m) => m.text).join(''), secondText, 'after the restart the panel got other text than the second attempt\'s');
      // The panel's rule: a restart clears what came before. Applied, it shows the second attempt only.
      const shown = outputs.reduce((text, m) => (m.restart ? m.text : text + m.text), '');
      assert.strictEqual(shown, secondText);
      const states = messages.filter((m): m is Extract<HostMessage, { type: 'task/state' }> => m.type === 'task/state');
      assert.ok(states.some((m) => /^retrying in \d+s \(attempt 2 of \d+\): /.test(m.state.statusDetail ?? '')), 'the panel was never told the task is waiting to retry');
    });
  });

  describe('dead letters', function () {
    it('a task rate limited until its retry-wait budget ran out: the tree tooltip shows class, attempts, last HTTP status, provider and model, time lost and the next step', async function () {
      const prompt = unique('dead letter');
      // 429s do not use up attempts; the budget ends them: waits of 0.3 s fit a 1 s budget three times.
      for (let i = 0; i < 6; i++) fakes.openai.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '300' } });
      const maxAttempts = 4;
      const done = await withSettings({ maxRetryWaitSeconds: 1 }, async () => {
        const id = submit({ prompt, ...OPENAI });
        return api.waitForStatus(id, TERMINAL, 20_000);
      });
      const id = done.id;

      assert.strictEqual(done.status, 'failed');
      assert.strictEqual(done.error?.code, 'RATE_LIMITED', describeFailure(done));
      assert.match(done.error?.message ?? '', /Stopped retrying: waiting another 1s would exceed the 1s retry budget/);
      assert.strictEqual(done.attempts, maxAttempts);
      assert.strictEqual(requestsFor(fakes.openai, prompt).length, maxAttempts);
      assert.strictEqual(api.treeItem(id)?.contextValue, 'task.failed');
      assert.match(api.treeItem(id)?.description ?? '', /RATE_LIMITED/);

      const tooltip = tooltipOf(id);
      assert.match(tooltip, /RATE_LIMITED: HTTP 429 from OpenAI/, `class and message missing: ${tooltip}`);
      assert.match(tooltip, /OpenAI · gpt-4o-mini · normal priority/, `provider and model missing (or shown with escapes): ${tooltip}`);
      assert.match(tooltip, new RegExp(`Attempts: ${maxAttempts} · Last HTTP status: 429 · `), tooltip);
      const lost = /Time lost: ([^\n]+)/.exec(tooltip)?.[1];
      assert.ok(lost, `no "Time lost" in the tooltip: ${tooltip}`);
      assert.ok(done.startedAt !== undefined && done.finishedAt !== undefined);
      const spent = done.finishedAt - done.startedAt;
      assert.ok(spent >= (maxAttempts - 1) * 300, `the task took ${spent} ms, less than its retry waits`);
      // formatDuration rounds to 0.1 s above one second.
      assert.ok(Math.abs(parseDuration(lost) - spent) <= 50, `"Time lost: ${lost}" is not the ${spent} ms from first attempt to failure`);
      assert.match(tooltip, /Next step: Lower the provider's limits in "aiTaskQueue\.providerLimits" and retry, or run "AI Tasks: Retry with Another Model…"\./, tooltip);
    });
  });

  describe('Retry with Another Model…', function () {
    it('run on a failed task (id argument, provider picked in the real quick pick) starts a new task linked by retryOf on the other provider\'s model', async function () {
      const prompt = unique('retry elsewhere');
      const reply = 'Answered by the other provider.';
      fakes.openai.enqueue({ kind: 'error', status: 404 });
      const failedId = submit({ prompt, ...OPENAI });
      const failed = await api.waitForStatus(failedId, TERMINAL, 10_000);
      assert.strictEqual(failed.error?.code, 'NOT_FOUND', describeFailure(failed));
      assert.match(tooltipOf(failedId), /Next step: .*Retry with Another Model/);

      fakes.anthropic.enqueue({ kind: 'reply', text: reply });
      const command = vscode.commands.executeCommand<string | undefined>('aiTaskQueue.retryWithModel', failedId);
      let settled = false;
      void command.then(
        () => (settled = true),
        () => (settled = true),
      );
      // The command asks for the provider in a quick pick; the provider where the task failed is
      // listed last, so the first (preselected) entry is another one. Accept it as Enter would.
      const deadline = Date.now() + 10_000;
      while (!settled && Date.now() < deadline) {
        await sleep(200);
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      const newId = await command;
      assert.ok(typeof newId === 'string' && newId !== failedId, `the command returned ${String(newId)}, not a new task id`);
      suite.track(newId);
      assert.strictEqual(api.retryOf(newId), failedId, 'the new task is not linked to the failed one by retryOf');

      const retried = await api.waitForStatus(newId, TERMINAL, 15_000);
      // Provider presets are listed in a fixed order (OpenAI, Anthropic, …); OpenAI moved to the end.
      assert.strictEqual(retried.providerId, 'anthropic');
      assert.strictEqual(retried.model, config().get<string>('providers.anthropic.model'), 'the retry does not use the picked provider\'s default model');
      assert.strictEqual(retried.status, 'completed', describeFailure(retried));
      assert.strictEqual(retried.output, reply);
      assert.strictEqual(retried.prompt, prompt);
      // Before queueing, the retry's input tokens are counted by Anthropic's count_tokens (a key is set).
      const sent = requestsFor(fakes.anthropic, prompt).filter((r) => r.path === '/v1/messages');
      assert.strictEqual(sent.length, 1, 'the Anthropic fake did not get the retried prompt');
      assert.strictEqual(requestsFor(fakes.anthropic, prompt).filter((r) => r.path === '/v1/messages/count_tokens').length, 1, 'the retry was not counted with count_tokens first');
      assert.strictEqual((sent[0]?.body as { model?: unknown }).model, retried.model);
      assert.strictEqual(requestsFor(fakes.openai, prompt).length, 1, 'the retry went to the provider that failed');
      const original = api.getTask(failedId);
      assert.strictEqual(original?.status, 'failed', 'the original must stay in history, unchanged');
      assert.strictEqual(original?.providerId, 'openai');
    });
  });

  describe('aiTaskQueue.pauseOnFailure', function () {
    it('a non-retryable failure (429 insufficient_quota) pauses the queue: the next queued task waits until Resume Queue, then runs', async function () {
      const promptA = unique('pause A');
      const promptB = unique('pause B');
      await withSettings({ pauseOnFailure: true, concurrency: 1 }, async () => {
        fakes.openai.enqueue({ kind: 'error', status: 429, error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } });
        // Both queued before either starts; with one slot B can only start after A's attempt.
        await vscode.commands.executeCommand('aiTaskQueue.pauseQueue');
        const a = submit({ prompt: promptA, ...OPENAI });
        const b = submit({ prompt: promptB, ...OPENAI });
        await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');

        const failed = await api.waitForStatus(a, TERMINAL, 10_000);
        assert.strictEqual(failed.status, 'failed');
        assert.strictEqual(failed.error?.code, 'QUOTA_EXHAUSTED', describeFailure(failed));
        assert.strictEqual(failed.attempts, 1, 'an exhausted quota must not be retried');
        assert.match(tooltipOf(a), /Next step: Add credit or raise the quota with the provider/);

        await sleep(1_500);
        assert.strictEqual(api.getTask(b)?.status, 'queued', 'the task after the failure started although the queue should be paused');
        assert.strictEqual(requestsFor(fakes.openai, promptB).length, 0, 'the paused queue still sent the next request');
        assert.ok((await api.treeSnapshot()).find((g) => g.status === 'queued')?.taskIds.includes(b), 'the waiting task is not under Queued in the tree');

        await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
        const resumed = await api.waitForStatus(b, TERMINAL, 10_000);
        assert.strictEqual(resumed.status, 'completed', describeFailure(resumed));
      });
    });
  });

  describe('time limits', function () {
    it('a per-task total limit (timeoutMs 2000) on a slow stream: fails TIMEOUT naming the total limit, keeps the partial output, closes the request', async function () {
      const prompt = unique('total timeout');
      const text = Array.from({ length: 20 }, (_, i) => `word${i + 1}`).join(' ');
      fakes.openai.enqueue({ kind: 'reply', text, chunkDelayMs: 250 });
      const id = submit({ prompt, ...OPENAI, timeoutMs: 2_000 });
      const done = await api.waitForStatus(id, TERMINAL, 15_000);

      assert.strictEqual(done.status, 'failed');
      assert.strictEqual(done.error?.code, 'TIMEOUT', describeFailure(done));
      assert.match(done.error?.message ?? '', /Timed out after 2s \(total timeout\); the partial output was kept\./);
      assert.doesNotMatch(done.error?.message ?? '', /idle/);
      assert.strictEqual(done.attempts, 1, 'a task out of time must not start another attempt');
      assert.ok(done.output.length > 0, 'no partial output was kept');
      assert.ok(text.startsWith(done.output) && done.output.length < text.length, `the output ${JSON.stringify(done.output)} is not a partial of the stream`);
      const [request] = requestsFor(fakes.openai, prompt);
      assert.ok(request);
      await waitForDisconnect(fakes.openai, request);
      assert.match(tooltipOf(id), /Next step: Raise "aiTaskQueue\.timeoutSeconds"/);
    });

    it('aiTaskQueue.idleTimeoutSeconds = 1 with streams that stall after their first piece: each stalled attempt is closed and retried; the task fails TIMEOUT naming the idle limit and keeps the partial output', async function () {
      const prompt = unique('idle timeout');
      const piece = (content: string): string =>
        `data: ${JSON.stringify({ id: 'chatcmpl-stall', object: 'chat.completion.chunk', created: 1, model: OPENAI.model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      await withSettings({ idleTimeoutSeconds: 1, maxAttempts: 2 }, async () => {
        // The second piece would come 6 s later; the total limit (30 s) is far off.
        const stall = { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, pieceDelayMs: 6_000, body: [piece('Partial answer '), piece('that never arrives.')] } as const;
        fakes.openai.enqueue(stall, stall);
        const id = submit({ prompt, ...OPENAI, timeoutMs: 30_000 });
        const done = await api.waitForStatus(id, TERMINAL, 15_000);

        assert.strictEqual(done.status, 'failed');
        assert.strictEqual(done.error?.code, 'TIMEOUT', describeFailure(done));
        assert.strictEqual(done.attempts, 2, 'a stalled stream is a transient fault: it gets a fresh attempt');
        assert.match(done.error?.message ?? '', /No data for 1s \(idle timeout\) on each of 2 attempts; the partial output was kept\./);
        assert.doesNotMatch(done.error?.message ?? '', /total/);
        assert.strictEqual(done.output, 'Partial answer ', 'the last attempt\'s partial output, not both concatenated');
        assert.ok(done.startedAt !== undefined && done.finishedAt !== undefined);
        assert.ok(done.finishedAt - done.startedAt < 6_000, `two 1 s idle limits and a backoff took ${done.finishedAt - done.startedAt} ms`);
        const requests = requestsFor(fakes.openai, prompt);
        assert.strictEqual(requests.length, 2);
        for (const request of requests) await waitForDisconnect(fakes.openai, request);
        assert.match(tooltipOf(id), /Next step: The provider stopped sending data: retry, or raise "aiTaskQueue\.idleTimeoutSeconds"/);
      });
    });
  });
});
