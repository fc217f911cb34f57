// Configuration mistakes inside the real extension host: the configured Anthropic server
// redirecting to another origin (the key must not follow, and the task says why), and settings
// with values outside their range (one warning each, naming the setting, the bad value and the
// value used, and not again on an unrelated change).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { activateApi, describeFailure, providerFakes, runShown, setRunKeys, waitUntil, type ProviderFakes } from './providerFakes';
import { sleep, withSettings } from './resilienceSupport';

describe('Configuration errors (real extension host)', function () {
  this.timeout(60_000);
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;

  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
  });

  describe('a key never leaves its origin', function () {
    let other: FakeAnthropicServer;
    before(async function () {
      // Another origin that would accept the key and answer: what the redirect points at.
      other = await startFakeAnthropicServer({ apiKey: fakes.keys.anthropic, chunkDelayMs: 1 });
    });
    after(async function () {
      await other.close();
    });

    it('an Anthropic task whose base URL answers 307 to another origin fails as CONFIG, and the other origin sees nothing', async function () {
      fakes.anthropic.enqueue({ kind: 'raw', status: 307, headers: { location: `${other.origin}/v1/messages`, 'content-type': 'text/plain' }, body: ['moved'] });
      const before = fakes.anthropic.requests.length;
      const run = await runShown(api, { prompt: `redirected anthropic ${Date.now()}`, providerId: 'anthropic', model: 'claude-sonnet-4-5' });

      assert.strictEqual(run.task.status, 'failed', describeFailure(run.task));
      assert.strictEqual(run.task.error?.code, 'CONFIG', describeFailure(run.task));
      assert.strictEqual(
        run.task.error?.message,
        `Anthropic redirected the request to ${other.origin} — not followed, so your key stays with ${fakes.urls.anthropic}. If the server has moved, set "aiTaskQueue.providers.anthropic.baseUrl" to the new address.`,
      );
      assert.match(run.task.error?.remediation ?? '', /"aiTaskQueue\.providers\.anthropic\.baseUrl"/);
      assert.strictEqual(run.task.attempts, 1, 'a refused redirect is not retried');
      assert.strictEqual(other.requests.length, 0, `the other origin received ${other.requests.length} request(s)`);
      const sent = fakes.anthropic.requests.slice(before);
      assert.strictEqual(sent.length, 1);
      assert.strictEqual(sent[0]?.headers['x-api-key'], fakes.keys.anthropic, 'the key went to the configured origin only');
      const final = run.messages.filter((m) => m.type === 'task/state').at(-1);
      assert.ok(final?.type === 'task/state' && final.state.error?.code === 'CONFIG', 'the panel was not shown the CONFIG failure');
    });
  });

  describe('settings with values outside their range', function () {
    const shown: string[] = [];
    let restore: (() => void) | undefined;
    before(function () {
      // The extension calls vscode.window.showWarningMessage on the same API object this test
      // gets; a notification toast itself cannot be read from inside the extension host.
      const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
      const original = window.showWarningMessage;
      window.showWarningMessage = (...args: unknown[]): Thenable<unknown> => {
        shown.push(String(args[0]));
        return original.apply(vscode.window, args);
      };
      restore = () => (window.showWarningMessage = original);
    });
    after(function () {
      restore?.();
    });

    it('"aiTaskQueue.concurrency": -1 shows one warning with the value used, logs it once, and an unrelated change shows nothing more', async function () {
      const expected = 'AI Task Queue: "aiTaskQueue.concurrency" is -1; using 1 (allowed 1–256).';
      const logged = (): number => api.recentLogLines().filter((line) => line.includes('"aiTaskQueue.concurrency" is -1; using 1 (allowed 1–256).')).length;
      const loggedBefore = logged();
      await withSettings({ concurrency: -1 }, async () => {
        await waitUntil('the warning about aiTaskQueue.concurrency', () => shown.includes(expected), 5_000);
        await withSettings({ pauseOnFailure: true, timeoutSeconds: 120 }, () => sleep(300));
        await sleep(300);
        assert.deepStrictEqual(shown.filter((m) => m.includes('aiTaskQueue.concurrency')), [expected], 'the warning was shown more than once');
        assert.strictEqual(logged() - loggedBefore, 1, 'the problem was not logged exactly once');
      });
    });

    it('"aiTaskQueue.timeoutSeconds": 0 and "abc" for maxAttempts each get their own warning', async function () {
      await withSettings({ timeoutSeconds: 0, maxAttempts: 'abc' }, async () => {
        await waitUntil('both warnings', () => shown.includes('AI Task Queue: "aiTaskQueue.timeoutSeconds" is 0; using 5 (allowed 5–3600).') && shown.includes('AI Task Queue: "aiTaskQueue.maxAttempts" is "abc", not a number; using the default, 3 (allowed 1–10).'), 5_000);
      });
    });
  });
});
