// Shared by providers.test.ts, keySecrecy.test.ts and vscodeLm.test.ts (not a test file itself):
// the fake OpenAI, Anthropic and Ollama servers, started inside the extension host on the ports
// integrationMain chose and wrote into the settings (test/harness/integrationFakes.ts), the
// per-run API keys, and helpers to run a task while the output panel shows it.
//
// esbuild bundles every test file on its own, so each would get its own copy of this module: the
// fakes live on globalThis so all files share one set (they are bound to fixed ports).
import { randomBytes } from 'crypto';
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AiTaskQueueTestApi, SubmitPromptOptions } from '../../src/api/extensionApi';
import type { HostMessage, TaskView } from '../../src/shared/protocol';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { startFakeOllamaServer, type FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fakeOpenAiServer';
import { fakeBaseUrls, INTEGRATION_FAKES_ENV, INTEGRATION_MODELS, readIntegrationFakePorts, type IntegrationFakePorts } from '../harness/integrationFakes';

export const EXTENSION_ID = 'ai-task-queue.ai-task-queue';

/** Models each fake lists (GET /v1/models, /api/tags); the first is the one the settings name. */
export const FAKE_MODELS = {
  openai: [INTEGRATION_MODELS.openai, 'gpt-4.1-mini', 'o4-mini'],
  anthropic: [INTEGRATION_MODELS.anthropic, 'claude-haiku-4-5'],
  ollama: [`${INTEGRATION_MODELS.ollama}:latest`, 'qwen2.5:7b'],
} as const;

/**
 * Per-run API keys, shaped like real ones and unique to this run, so a search for them finds
 * nothing but a leak. `openaiWrong` is a second OpenAI key the tests set on purpose to get a 401.
 */
export interface RunKeys {
  readonly openai: string;
  readonly openaiWrong: string;
  readonly anthropic: string;
  readonly ollama: string;
  readonly lmstudio: string;
  readonly openaiCompatible: string;
}

export interface ProviderFakes {
  readonly ports: IntegrationFakePorts;
  readonly urls: ReturnType<typeof fakeBaseUrls>;
  readonly keys: RunKeys;
  /** The random part every key contains: found anywhere, some key leaked (even in pieces of one). */
  readonly runMarker: string;
  /** Requires `Authorization: Bearer keys.openai`; a wrong key gets a 401 that echoes it in full. */
  readonly openai: FakeOpenAiServer;
  /** Requires `x-api-key: keys.anthropic`. */
  readonly anthropic: FakeAnthropicServer;
  readonly ollama: FakeOllamaServer;
}

const GLOBAL_SLOT = '__aiTaskQueueIntegrationProviderFakes';

/** Fake batch APIs in the extension host move in milliseconds (the product checks every 200 ms in tests). */
export const BATCH_TIMINGS = { validatingMs: 100, inProgressMs: 800, finalizingMs: 100, cancellingMs: 100 };

export function providerFakes(): Promise<ProviderFakes> {
  const slot = globalThis as unknown as Record<string, Promise<ProviderFakes> | undefined>;
  slot[GLOBAL_SLOT] ??= startProviderFakes();
  return slot[GLOBAL_SLOT];
}

async function startProviderFakes(): Promise<ProviderFakes> {
  const ports = readIntegrationFakePorts();
  if (!ports) throw new Error(`${INTEGRATION_FAKES_ENV} is not set: run these tests through test/harness/integrationMain (npm test)`);
  const runMarker = randomBytes(12).toString('hex');
  const keys: RunKeys = {
    openai: `sk-test-SECRET-${runMarker}-openai`,
    openaiWrong: `sk-test-SECRET-${runMarker}-wrong`,
    anthropic: `sk-ant-api03-SECRET-${runMarker}-anthropic`,
    ollama: `sk-test-SECRET-${runMarker}-ollama`,
    lmstudio: `sk-test-SECRET-${runMarker}-lmstudio`,
    openaiCompatible: `sk-test-SECRET-${runMarker}-compatible`,
  };
  // The batch fakes keep their batches in the workspace: a window reload restarts these servers in
  // the new extension host, and a provider's batch outlives the window that submitted it.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const batchState = (name: string): { stateFile?: string } => (folder ? { stateFile: path.join(folder, `.atq-fake-${name}-batches.json`) } : {});
  const [openai, anthropic, ollama] = await Promise.all([
    startFakeOpenAiServer({ port: ports.openai, apiKey: keys.openai, models: FAKE_MODELS.openai, chunkDelayMs: 15, slowChunkDelayMs: 400, batches: { timings: BATCH_TIMINGS, ...batchState('openai') } }),
    startFakeAnthropicServer({ port: ports.anthropic, apiKey: keys.anthropic, models: FAKE_MODELS.anthropic, chunkDelayMs: 15, batches: { timings: BATCH_TIMINGS, ...batchState('anthropic') } }),
    startFakeOllamaServer({ port: ports.ollama, models: FAKE_MODELS.ollama, chunkDelayMs: 15 }),
  ]);
  return { ports, urls: fakeBaseUrls(ports), keys, runMarker, openai, anthropic, ollama };
}

/** Stores every provider's key through the public API (SecretStorage, as "Set API Key…" does). */
export async function setRunKeys(api: AiTaskQueueTestApi, keys: RunKeys): Promise<void> {
  for (const providerId of ['openai', 'anthropic', 'ollama', 'lmstudio', 'openaiCompatible'] as const) {
    await api.setApiKey(providerId, keys[providerId]);
  }
}

export async function activateApi(): Promise<AiTaskQueueTestApi> {
  const extension = vscode.extensions.getExtension<AiTaskQueueTestApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this window`);
  const api = await extension.activate();
  assert.ok(extension.isActive, 'extension did not become active');
  return api;
}

export async function waitUntil(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function messageTaskId(message: HostMessage): string | undefined {
  if (message.type === 'task/snapshot') return message.task.id;
  if (message.type === 'panel/empty') return undefined;
  return message.taskId;
}

export interface ShownRun {
  readonly task: TaskView;
  /** Every message the output panel received for this task, in order. */
  readonly messages: readonly HostMessage[];
  /** The task/output messages (each one a flushed piece of the stream). */
  readonly outputMessages: readonly Extract<HostMessage, { type: 'task/output' }>[];
  /** What the panel shows as output: the pieces joined (a restart clears what came before). */
  readonly streamedText: string;
}

/**
 * Submits a task with the queue paused, opens the output panel on it, resumes, and waits for the
 * end: so the panel sees the task's whole life (snapshot, every output piece, usage, the end).
 */
export async function runShown(api: AiTaskQueueTestApi, options: SubmitPromptOptions, timeoutMs = 30_000): Promise<ShownRun> {
  await vscode.commands.executeCommand('aiTaskQueue.pauseQueue');
  let taskId: string;
  try {
    taskId = api.submitPrompt(options);
    await vscode.commands.executeCommand('aiTaskQueue.showOutput', taskId);
    await waitUntil('the output panel to show the task', () => api.postedPanelMessages().some((m) => m.type === 'task/snapshot' && m.task.id === taskId), 20_000);
  } finally {
    await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
  }
  const task = await api.waitForStatus(taskId, ['completed', 'failed', 'cancelled'], timeoutMs);
  // The last output piece and state are posted synchronously with the terminal event; give the
  // panel's 40 ms output batching a moment anyway.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const messages = api.postedPanelMessages().filter((m) => messageTaskId(m) === taskId);
  const outputMessages = messages.filter((m): m is Extract<HostMessage, { type: 'task/output' }> => m.type === 'task/output');
  return { task, messages, outputMessages, streamedText: panelText(messages) };
}

/**
 * The text the panel shows after these messages, rebuilt as the webview does: a snapshot (the
 * panel becoming ready again, the history loading) carries the whole output so far and replaces
 * what came before it; output messages append, a restart starts over.
 */
export function panelText(messages: readonly HostMessage[]): string {
  return messages.reduce((text, m) => {
    if (m.type === 'task/snapshot') return m.task.output;
    if (m.type === 'task/output') return m.restart ? m.text : text + m.text;
    return text;
  }, '');
}

/** The task/state messages that carried usage, in order. */
export function usageStates(run: ShownRun): Extract<HostMessage, { type: 'task/state' }>[] {
  return run.messages.filter((m): m is Extract<HostMessage, { type: 'task/state' }> => m.type === 'task/state' && m.state.usage !== undefined);
}

export function describeFailure(task: TaskView): string {
  return task.error ? `${task.error.code}: ${task.error.message}` : task.status;
}
