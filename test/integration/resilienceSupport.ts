// Helpers for resilience.test.ts (not a test file itself): unique prompts, the requests a fake got
// for one, settings set for the length of a test, and reading the tree's tooltips and durations.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/shared/protocol';
import type { TaskStatus } from '../../src/shared/taskVocabulary';
import type { AiTaskQueueTestApi, SubmitPromptOptions } from '../../src/api/extensionApi';
import type { FakeHttpServer, RecordedRequest } from '../fakes/fakeHttpServer';
import { activateApi, FAKE_MODELS, providerFakes, setRunKeys, waitUntil, type ProviderFakes } from './providerFakes';

export const TERMINAL: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];
export const OPENAI = { providerId: 'openai', model: 'gpt-4o-mini' } as const;
export const OLLAMA = { providerId: 'ollama', model: FAKE_MODELS.ollama[0] } as const;

export type OutputMessage = Extract<HostMessage, { type: 'task/output' }>;

let counter = 0;
export function unique(what: string): string {
  counter += 1;
  return `resilience ${what} ${Date.now()}-${counter}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The requests a fake received for `prompt` (prompts are unique per test). */
export function requestsFor(server: FakeHttpServer, prompt: string): RecordedRequest[] {
  const needle = JSON.stringify(prompt).slice(1, -1);
  return server.requests.filter((r) => r.rawBody.includes(needle));
}

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('aiTaskQueue');
}

/**
 * Sets user settings for the length of `body` and puts back what was there before (the harness
 * sets none of these). Waits until this extension host sees each value: the extension's
 * configuration listener runs in the same turn, so the engine has applied it by then.
 */
export async function withSettings<T>(values: Readonly<Record<string, unknown>>, body: () => Promise<T>): Promise<T> {
  const saved = Object.keys(values).map((key) => [key, config().inspect(key)?.globalValue] as const);
  const apply = async (entries: readonly (readonly [string, unknown])[]): Promise<void> => {
    for (const [key, value] of entries) {
      await config().update(key, value, vscode.ConfigurationTarget.Global);
      const expected = value ?? config().inspect(key)?.defaultValue;
      // Objects (providerLimits) come back as new objects: compare what they hold.
      await waitUntil(`setting aiTaskQueue.${key} = ${JSON.stringify(expected)}`, () => JSON.stringify(config().get(key)) === JSON.stringify(expected), 5_000);
    }
  };
  try {
    await apply(Object.entries(values));
    return await body();
  } finally {
    await apply(saved);
  }
}

/** Markdown source → the text a reader sees: code spans verbatim, backslash escapes and bold removed elsewhere. */
export function renderedText(markdown: string): string {
  return markdown
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : part.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\*\*/g, '')))
    .join('');
}

/** "850ms", "1.2s", "12s", "1m 5s" (taskFormat.formatDuration) in milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d+)m )?(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim());
  assert.ok(m, `not a duration: ${JSON.stringify(text)}`);
  const minutes = Number(m[1] ?? 0);
  return minutes * 60_000 + Number(m[2]) * (m[3] === 'ms' ? 1 : 1000);
}

/** Waits until the fake saw the client close `request` (an abort that reached the socket). */
export async function waitForDisconnect(server: FakeHttpServer, request: RecordedRequest, timeoutMs = 3_000): Promise<void> {
  await waitUntil(`the fake to see the client close request #${request.index} (${request.path})`, () => server.disconnects.some((d) => d.requestIndex === request.index), timeoutMs);
}

export interface ResilienceSuite {
  readonly api: AiTaskQueueTestApi;
  readonly fakes: ProviderFakes;
  /** Submits through the API and remembers the task, so it is cancelled if a test leaves it running. */
  submit(options: SubmitPromptOptions): string;
  /** Remembers a task a command created, for the same cleanup. */
  track(taskId: string): void;
}

/**
 * The hooks every resilience file needs, registered in the calling describe: the API and the
 * in-host fakes with keys set before, and after each test nothing left behind for the next file
 * (scripts no request took, tasks still in flight, a paused queue).
 */
export function useResilienceSuite(): ResilienceSuite {
  let api: AiTaskQueueTestApi | undefined;
  let fakes: ProviderFakes | undefined;
  const ours: string[] = [];
  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
  });
  afterEach(async function () {
    fakes?.openai.clearQueue();
    fakes?.anthropic.clearQueue();
    for (const id of ours.splice(0)) {
      if (!TERMINAL.includes(api?.getTask(id)?.status ?? 'completed')) await vscode.commands.executeCommand('aiTaskQueue.cancelTask', id);
    }
    await vscode.commands.executeCommand('aiTaskQueue.resumeQueue');
  });
  const ready = <T>(value: T | undefined): T => {
    assert.ok(value, 'the resilience suite is not set up yet (used outside a test?)');
    return value;
  };
  return {
    get api() {
      return ready(api);
    },
    get fakes() {
      return ready(fakes);
    },
    submit(options) {
      const id = ready(api).submitPrompt(options);
      ours.push(id);
      return id;
    },
    track(taskId) {
      ours.push(taskId);
    },
  };
}
