// The `vscodeLm` provider (VS Code's Language Model API) against a chat provider REGISTERED BY THIS
// TEST: a bare code-server has no language models, so the test registers one through
// vscode.lm.registerLanguageModelChatProvider. VS Code accepts that call only for a vendor that
// the calling extension declares under contributes.languageModelChatProviders; the product must
// not declare a test vendor, so a fixture extension (test/integration/fixtures/lm-vendor, installed
// by integrationMain) declares `atq-test` and makes the call with the provider object built here.
// Everything between the product and the provider is real VS Code: selectChatModels,
// sendRequest, countTokens, LanguageModelError crossing the extension-host boundary.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import { LM_VENDOR_FIXTURE_ID } from '../harness/integrationFakes';
import { activateApi, describeFailure, runShown, usageStates } from './providerFakes';

interface LmVendorFixture {
  readonly vendor: string;
  registerChatProvider(provider: vscode.LanguageModelChatProvider): vscode.Disposable;
}

const ECHO_MODEL = 'atq-test-echo';
/** Copilot's models have ids like this; through the LM API nobody pays OpenAI's per-token price. */
const API_LOOKALIKE_MODEL = 'gpt-4o';
/** Models whose requests fail with the LanguageModelError of the same name. */
const ERROR_MODELS = { 'atq-test-no-permissions': 'NoPermissions', 'atq-test-blocked': 'Blocked', 'atq-test-not-found': 'NotFound' } as const;

/** The test provider's tokenizer: ⌈characters / 4⌉, so expected estimates can be written down. */
const tokens = (text: string): number => Math.ceil(text.length / 4);

function info(id: string, name: string): vscode.LanguageModelChatInformation {
  return { id, name, family: 'atq-test', version: '1', maxInputTokens: 8_192, maxOutputTokens: 1_024, capabilities: {} };
}

function messageText(message: vscode.LanguageModelChatRequestMessage): string {
  return message.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('VS Code LM provider (vscodeLm) with a chat provider registered by the test through vscode.lm.registerLanguageModelChatProvider', function () {
  this.timeout(60_000);
  let api: AiTaskQueueTestApi;
  let registration: vscode.Disposable | undefined;
  /** What the registered provider received, per request. */
  const received: { model: string; text: string }[] = [];

  before(async function () {
    api = await activateApi();
    const fixture = vscode.extensions.getExtension<LmVendorFixture>(LM_VENDOR_FIXTURE_ID);
    assert.ok(fixture, `the fixture extension ${LM_VENDOR_FIXTURE_ID} is not installed (integrationMain installs it)`);
    const vendor = await fixture.activate();
    registration = vendor.registerChatProvider({
      provideLanguageModelChatInformation: () => [info(ECHO_MODEL, 'ATQ Test Echo'), info(API_LOOKALIKE_MODEL, 'GPT-4o (test vendor)'), ...Object.keys(ERROR_MODELS).map((id) => info(id, id))],
      async provideLanguageModelChatResponse(model, messages, _options, progress, token) {
        const text = messages.map(messageText).join('\n');
        received.push({ model: model.id, text });
        const errorCode = ERROR_MODELS[model.id as keyof typeof ERROR_MODELS];
        if (errorCode) throw vscode.LanguageModelError[errorCode](`test provider: ${errorCode}`);
        // A few fragments with pauses, so the panel receives the answer in several pieces.
        for (const fragment of ['Echo', ' from', ' the test', ' provider:', ` ${text}`]) {
          if (token.isCancellationRequested) return;
          progress.report(new vscode.LanguageModelTextPart(fragment));
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
      },
      provideTokenCount: async (_model, text) => tokens(typeof text === 'string' ? text : messageText(text)),
    });
    // The models appear asynchronously after registration.
    const deadline = Date.now() + 10_000;
    while ((await vscode.lm.selectChatModels({ vendor: vendor.vendor })).length === 0) {
      if (Date.now() > deadline) throw new Error('the test-registered models never showed up in vscode.lm.selectChatModels()');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  after(function () {
    registration?.dispose();
  });

  it('VS Code lists the test-registered models (so the catalog can offer them)', async function () {
    const models = await vscode.lm.selectChatModels({ vendor: 'atq-test' });
    assert.deepStrictEqual(models.map((m) => m.id).sort(), [ECHO_MODEL, API_LOOKALIKE_MODEL, ...Object.keys(ERROR_MODELS)].sort());
  });

  it('runs a task on the test-registered model: streams, usage estimated with the model\'s countTokens, panel shows estimated usage', async function () {
    const prompt = `Say hello from vscodeLm ${Date.now()}`;
    const run = await runShown(api, { prompt, providerId: 'vscodeLm', model: ECHO_MODEL });
    assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
    assert.strictEqual(run.task.providerLabel, 'VS Code Language Models');
    const request = received.filter((r) => r.text.includes(prompt));
    assert.strictEqual(request.length, 1, 'the registered provider did not receive the prompt exactly once');
    const sentText = (request[0] as { text: string }).text;
    const expectedOutput = `Echo from the test provider: ${sentText}`;
    assert.strictEqual(run.task.output, expectedOutput);
    assert.ok(run.outputMessages.length >= 2, `the panel got the output in ${run.outputMessages.length} piece(s); the provider sent 5 fragments 60 ms apart`);
    assert.strictEqual(run.streamedText, expectedOutput);

    // No usage from the LM API: estimated from countTokens(prompt) and countTokens(output).
    assert.deepStrictEqual(run.task.usage, { inputTokens: tokens(sentText), outputTokens: tokens(expectedOutput), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true });
    assert.strictEqual(run.task.costUsd, null, 'no price is known for a VS Code LM model');
    const withUsage = usageStates(run);
    assert.ok(withUsage.length > 0, 'no usage reached the panel');
    for (const message of withUsage) assert.strictEqual(message.state.usage?.estimated, true, 'the panel got usage not marked estimated');
    const snapshotOrLast = withUsage[withUsage.length - 1];
    assert.deepStrictEqual(snapshotOrLast?.state.usage, run.task.usage);
  });

  it('a VS Code LM model whose id looks like an API model (gpt-4o) is not billed at API list prices', async function () {
    const run = await runShown(api, { prompt: `lm lookalike ${Date.now()}`, providerId: 'vscodeLm', model: API_LOOKALIKE_MODEL });
    assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
    assert.strictEqual(run.task.usage?.estimated, true);
    assert.strictEqual(run.task.costUsd, null, `costUsd ${String(run.task.costUsd)}: OpenAI's API price applied to a VS Code LM model`);
  });

  for (const [model, code, failure] of [
    ['atq-test-no-permissions', 'NoPermissions', 'PERMISSION'],
    ['atq-test-not-found', 'NotFound', 'NOT_FOUND'],
    ['atq-test-blocked', 'Blocked', 'RATE_LIMITED'],
  ] as const) {
    it(`maps LanguageModelError.${code} thrown by the test-registered provider to ${failure}`, async function () {
      // Rate limits are retried for as long as the retry-wait budget allows; a budget of 0 makes the first one final.
      const config = vscode.workspace.getConfiguration('aiTaskQueue');
      const budget = config.inspect<number>('maxRetryWaitSeconds')?.globalValue;
      if (failure === 'RATE_LIMITED') await config.update('maxRetryWaitSeconds', 0, vscode.ConfigurationTarget.Global);
      try {
        const run = await runShown(api, { prompt: `lm error ${code} ${Date.now()}`, providerId: 'vscodeLm', model });
        assert.strictEqual(run.task.status, 'failed');
        assert.strictEqual(run.task.error?.code, failure, describeFailure(run.task));
      } finally {
        if (failure === 'RATE_LIMITED') await config.update('maxRetryWaitSeconds', budget, vscode.ConfigurationTarget.Global);
      }
    });
  }

  it('a model id VS Code does not have fails NOT_FOUND with a clear message', async function () {
    const run = await runShown(api, { prompt: `lm missing ${Date.now()}`, providerId: 'vscodeLm', model: 'atq-test-no-such-model' });
    assert.strictEqual(run.task.status, 'failed');
    assert.strictEqual(run.task.error?.code, 'NOT_FOUND', describeFailure(run.task));
    assert.match(run.task.error?.message ?? '', /atq-test-no-such-model/);
  });
});
