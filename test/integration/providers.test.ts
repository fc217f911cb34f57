// Every provider kind end to end inside the real extension host: a task submitted with
// submitPrompt({ providerId, model }) goes through the real client to a fake vendor server on a
// real socket, streams into the output panel, completes, and reports exactly the tokens the fake
// sent (cache buckets included) and the cost of those tokens.
//
// The expected costs are written out by hand from src/core/usage/pricingTable.ts (USD per 1M tokens),
// not recomputed with the product's PriceBook: a wrong price or a wrong bucket must fail here.
//   gpt-4o-mini:        input 0.15, cached input 0.075, output 0.60
//   claude-sonnet-4-5:  input 3.00, cache write 3.75, cache read 0.30, output 15.00
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import { chatRequestFields } from '../fakes/chatRequestFields';
import { fakeTokenCount } from '../fakes/fakeTokenCount';
import type { RecordedRequest } from '../fakes/fakeHttpServer';
import { fetchStreamedReply } from '../harness/fakeReply';
import { activateApi, describeFailure, FAKE_MODELS, providerFakes, runShown, setRunKeys, usageStates, type ProviderFakes, type ShownRun } from './providerFakes';

/** Eight words streamed 50 ms apart: several flushes of the panel's 40 ms output batching. */
const REPLY = 'Queues let many prompts run without waiting on each other.';
const CHUNK_DELAY_MS = 50;

function closeTo(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(typeof actual === 'number', `${what}: expected a cost of ${expected}, got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: cost ${actual} ≠ ${expected}`);
}

/** The request the fake recorded for `prompt` (prompts are unique per test). */
function requestFor(requests: readonly RecordedRequest[], prompt: string): RecordedRequest {
  const found = requests.filter((r) => r.rawBody.includes(JSON.stringify(prompt).slice(1, -1)));
  assert.strictEqual(found.length, 1, `expected one request carrying the prompt, found ${found.length}`);
  return found[0] as RecordedRequest;
}

/** Streamed in pieces, equal to the reply, with the usage reaching the panel before completion. */
function assertStreamedAndComplete(run: ShownRun, text: string): void {
  assert.strictEqual(run.task.status, 'completed', `task ended ${describeFailure(run.task)}`);
  assert.strictEqual(run.task.output, text, 'task output differs from what the fake streamed');
  assert.ok(run.outputMessages.length >= 2, `the panel got the output in ${run.outputMessages.length} piece(s); a stream arrives in several`);
  assert.strictEqual(run.streamedText, text, 'the text streamed to the panel differs from the reply');
  const usageAt = run.messages.findIndex((m) => m.type === 'task/state' && m.state.usage !== undefined);
  const completedAt = run.messages.findIndex((m) => m.type === 'task/state' && m.state.status === 'completed');
  assert.ok(usageAt >= 0 && completedAt >= 0 && usageAt <= completedAt, `usage (message ${usageAt}) must reach the panel no later than completion (message ${completedAt})`);
  const final = run.messages.filter((m) => m.type === 'task/state').at(-1);
  assert.ok(final?.type === 'task/state' && final.state.status === 'completed', 'the last state the panel got is not "completed"');
  assert.deepStrictEqual(final.state.usage, run.task.usage, 'the panel shows other token figures than the task has');
  assert.strictEqual(final.state.costUsd, run.task.costUsd, 'the panel shows another cost than the task has');
}

describe('Providers in a real VS Code extension host (fake OpenAI, Anthropic, Ollama and OpenAI-compatible servers)', function () {
  this.timeout(60_000);
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;

  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
  });

  describe('openai (fake OpenAI Chat Completions, key from SecretStorage)', function () {
    it('streams a gpt-4o-mini task; tokens incl. cached and reasoning are the fake\'s; cost = 200×0.15 + 1000×0.075 + 345×0.60 per 1M', async function () {
      const prompt = `openai priced ${Date.now()}`;
      // prompt_tokens includes the cached ones (OpenAI semantics): 1200 = 200 fresh + 1000 cached.
      fakes.openai.enqueue({ kind: 'reply', text: REPLY, chunkDelayMs: CHUNK_DELAY_MS, usage: { prompt_tokens: 1200, cached_tokens: 1000, completion_tokens: 345, reasoning_tokens: 45 } });
      const run = await runShown(api, { prompt, providerId: 'openai', model: 'gpt-4o-mini' });
      assertStreamedAndComplete(run, REPLY);
      assert.strictEqual(run.task.providerId, 'openai');
      assert.strictEqual(run.task.providerLabel, 'OpenAI');
      assert.strictEqual(run.task.model, 'gpt-4o-mini');
      assert.deepStrictEqual(run.task.usage, { inputTokens: 200, cacheReadTokens: 1000, cacheWriteTokens: 0, outputTokens: 345, reasoningTokens: 45, estimated: false });
      // (200 × 0.15 + 1000 × 0.075 + 345 × 0.60) / 1e6 = (30 + 75 + 207) / 1e6
      closeTo(run.task.costUsd, 0.000312, 'gpt-4o-mini');

      const request = requestFor(fakes.openai.requests, prompt);
      assert.strictEqual(request.path, '/v1/chat/completions');
      assert.strictEqual(request.headers.authorization, `Bearer ${fakes.keys.openai}`, 'the key set with setApiKey was not sent as the Bearer token');
      const body = request.body as Record<string, unknown>;
      assert.strictEqual(body.model, 'gpt-4o-mini');
      assert.strictEqual(body.stream, true);
      assert.deepStrictEqual(body.stream_options, { include_usage: true }, 'without include_usage a stream carries no usage');
    });

    it('an unpriced model completes with costUsd === null ("price unknown"), never a guess', async function () {
      fakes.openai.enqueue({ kind: 'reply', text: REPLY, usage: { prompt_tokens: 10, completion_tokens: 12 } });
      const run = await runShown(api, { prompt: `openai unpriced ${Date.now()}`, providerId: 'openai', model: 'atq-unpriced-model' });
      assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
      assert.deepStrictEqual(run.task.usage, { inputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 12, reasoningTokens: 0, estimated: false });
      assert.strictEqual(run.task.costUsd, null);
      const final = run.messages.filter((m) => m.type === 'task/state').at(-1);
      assert.ok(final?.type === 'task/state' && final.state.costUsd === null, 'the panel was not told the price is unknown (costUsd null)');
    });
  });

  describe('anthropic (fake Messages API, x-api-key from SecretStorage)', function () {
    it('streams a claude-sonnet-4-5 task; input, cache write, cache read and output are the fake\'s; cost = 2000×3 + 1000×3.75 + 5000×0.30 + 400×15 per 1M', async function () {
      const prompt = `anthropic priced ${Date.now()}`;
      fakes.anthropic.enqueue({ kind: 'reply', text: REPLY, chunkDelayMs: CHUNK_DELAY_MS, usage: { input_tokens: 2000, cache_creation_input_tokens: 1000, cache_read_input_tokens: 5000, output_tokens: 400 } });
      const run = await runShown(api, { prompt, providerId: 'anthropic', model: 'claude-sonnet-4-5' });
      assertStreamedAndComplete(run, REPLY);
      assert.strictEqual(run.task.providerLabel, 'Anthropic');
      assert.strictEqual(run.task.model, 'claude-sonnet-4-5');
      assert.deepStrictEqual(run.task.usage, { inputTokens: 2000, cacheWriteTokens: 1000, cacheReadTokens: 5000, outputTokens: 400, reasoningTokens: 0, estimated: false });
      // (2000 × 3 + 1000 × 3.75 + 5000 × 0.30 + 400 × 15) / 1e6 = (6000 + 3750 + 1500 + 6000) / 1e6
      closeTo(run.task.costUsd, 0.01725, 'claude-sonnet-4-5');

      const request = requestFor(fakes.anthropic.requests, prompt);
      assert.strictEqual(request.path, '/v1/messages');
      assert.strictEqual(request.headers['x-api-key'], fakes.keys.anthropic, 'the key set with setApiKey was not sent as x-api-key');
      assert.strictEqual(request.headers.authorization, undefined, 'an Anthropic key must not also travel as a Bearer token');
      assert.strictEqual(request.headers['anthropic-version'], '2023-06-01');
      const body = request.body as Record<string, unknown>;
      assert.strictEqual(body.model, 'claude-sonnet-4-5');
      assert.strictEqual(body.stream, true);
      assert.strictEqual(typeof body.max_tokens, 'number', 'the Messages API requires max_tokens');
    });

    it('counts cumulative usage repeated in message_delta once (claude-haiku-4-5: 100×1 + 300×1.25 + 700×0.10 + 50×5 per 1M)', async function () {
      fakes.anthropic.enqueue({ kind: 'reply', text: REPLY, cumulativeUsageInDelta: true, usage: { input_tokens: 100, cache_creation_input_tokens: 300, cache_read_input_tokens: 700, output_tokens: 50 } });
      const run = await runShown(api, { prompt: `anthropic cumulative ${Date.now()}`, providerId: 'anthropic', model: 'claude-haiku-4-5' });
      assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
      assert.deepStrictEqual(run.task.usage, { inputTokens: 100, cacheWriteTokens: 300, cacheReadTokens: 700, outputTokens: 50, reasoningTokens: 0, estimated: false });
      // (100 × 1 + 300 × 1.25 + 700 × 0.10 + 50 × 5) / 1e6 = (100 + 375 + 70 + 250) / 1e6
      closeTo(run.task.costUsd, 0.000795, 'claude-haiku-4-5');
    });

    it('an unpriced Claude model completes with costUsd === null', async function () {
      fakes.anthropic.enqueue({ kind: 'reply', text: REPLY, usage: { input_tokens: 20, output_tokens: 30 } });
      const run = await runShown(api, { prompt: `anthropic unpriced ${Date.now()}`, providerId: 'anthropic', model: 'claude-unpriced-test' });
      assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
      assert.strictEqual(run.task.usage?.inputTokens, 20);
      assert.strictEqual(run.task.usage?.outputTokens, 30);
      assert.strictEqual(run.task.costUsd, null);
    });
  });

  describe('ollama (fake native /api/chat NDJSON)', function () {
    it('streams a local task; tokens are the final line\'s prompt_eval_count / eval_count; a local server costs 0', async function () {
      const prompt = `ollama local ${Date.now()}`;
      fakes.ollama.enqueue({ kind: 'reply', text: REPLY, chunkDelayMs: CHUNK_DELAY_MS });
      const run = await runShown(api, { prompt, providerId: 'ollama', model: FAKE_MODELS.ollama[0] });
      assertStreamedAndComplete(run, REPLY);
      assert.strictEqual(run.task.providerLabel, 'Ollama');
      const request = requestFor(fakes.ollama.requests, prompt);
      assert.strictEqual(request.path, '/api/chat');
      assert.strictEqual((request.body as Record<string, unknown>).model, FAKE_MODELS.ollama[0]);
      // The fake reports prompt_eval_count = ⌈request text / 4⌉ and eval_count = ⌈reply / 4⌉ (its
      // own token stand-in); recomputed here from the request it recorded.
      const fields = chatRequestFields(request.body);
      assert.ok(fields);
      const reported = { prompt: fakeTokenCount(fields.allText), completion: fakeTokenCount(REPLY) };
      assert.strictEqual(reported.completion, 15, 'the fake token stand-in changed; update this test');
      assert.deepStrictEqual(run.task.usage, { inputTokens: reported.prompt, outputTokens: reported.completion, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
      assert.strictEqual(run.task.costUsd, 0);
    });
  });

  describe('openaiCompatible (the harness\'s OpenAI-compatible fake on 127.0.0.1)', function () {
    it('streams, reports the fake\'s tokens, and costs 0 on a local server even for a priced model id', async function () {
      const baseUrl = vscode.workspace.getConfiguration('aiTaskQueue').get<string>('providers.openaiCompatible.baseUrl');
      assert.ok(baseUrl, 'the harness did not configure providers.openaiCompatible.baseUrl');
      const prompt = `compatible local ${Date.now()} with a few more words to stream`;
      // gpt-4o-mini has a price; on a loopback server it must still cost nothing.
      const run = await runShown(api, { prompt, providerId: 'openaiCompatible', model: 'gpt-4o-mini' });
      const expected = await fetchStreamedReply(baseUrl, prompt, 'gpt-4o-mini');
      assert.strictEqual(run.task.status, 'completed', describeFailure(run.task));
      assert.strictEqual(run.task.output, expected.text);
      assert.ok(run.outputMessages.length >= 2, `the panel got the output in ${run.outputMessages.length} piece(s)`);
      assert.strictEqual(run.streamedText, expected.text);
      assert.ok(expected.promptTokens !== undefined && expected.completionTokens !== undefined, 'the fake sent no usage');
      assert.deepStrictEqual(run.task.usage, { inputTokens: expected.promptTokens, outputTokens: expected.completionTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false });
      assert.strictEqual(run.task.costUsd, 0);
      assert.ok(usageStates(run).length > 0, 'no usage reached the panel');
    });
  });
});
