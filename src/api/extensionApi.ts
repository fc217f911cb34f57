// What activate() returns. The public API (AiTaskQueueApi) is what other extensions may use: it
// exposes views of state (plain data), never the engine's internals, and nothing that writes a key
// or reads what the user saw. The test API adds hooks for our own integration tests; it is built
// only when the extension runs in ExtensionMode.Test, so a user's window never carries it.
import type { HostMessage, TaskView } from '../shared/protocol';
import type { Priority, TaskStatus } from '../shared/taskVocabulary';
import type { TreeBatchSnapshot, TreeGroupSnapshot } from '../views/tree/taskTreeProvider';
import type { AiTaskQueueTestHooks } from './testHooks';
import type { ProviderBatchTestHooks } from './providerBatchTestHooks';

export type { AiTaskQueueTestHooks, ProviderBatchTestHooks, TreeBatchSnapshot, TreeGroupSnapshot };

export interface SubmitPromptOptions {
  readonly prompt: string;
  readonly title?: string;
  readonly priority?: Priority;
  readonly timeoutMs?: number;
  /** Defaults to the configured default provider and its model. */
  readonly providerId?: string;
  readonly model?: string;
  /** Groups tasks launched together; a per-batch budget counts them together. */
  readonly batchId?: string;
}

/** One task's row in the sidebar tree, as the real tree data provider builds it. */
export interface TreeItemSnapshot {
  readonly label: string;
  /** The grey text after the label, e.g. "gpt-4o · retrying in 2s (attempt 2 of 3): … · 1.2s". */
  readonly description?: string;
  /** The hover: its Markdown source, or the plain text. */
  readonly tooltip?: string;
  /** What menus match for inline actions, e.g. "task.failed". */
  readonly contextValue?: string;
  /** The command a click on the row runs, and its arguments. */
  readonly command?: { readonly id: string; readonly arguments?: readonly unknown[] };
}

/** The public API: `vscode.extensions.getExtension('ai-task-queue.ai-task-queue')?.exports`. */
export interface AiTaskQueueApi {
  /** Queues a prompt; returns the new task's id. */
  submitPrompt(options: SubmitPromptOptions): string;
  getTask(taskId: string): TaskView | undefined;
  listTasks(): readonly TaskView[];
  /** Resolves when the task reaches one of `statuses`; rejects after `timeoutMs`. */
  waitForStatus(taskId: string, statuses: readonly TaskStatus[], timeoutMs: number): Promise<TaskView>;
}

/** The members of the public API, in order: what a production build returns, and nothing else. */
export const PUBLIC_API_MEMBERS = ['submitPrompt', 'getTask', 'listTasks', 'waitForStatus'] as const satisfies readonly (keyof AiTaskQueueApi)[];

/** Test-only hooks (ExtensionMode.Test). Never part of what a user's window returns. */
export interface AiTaskQueueTestApi extends AiTaskQueueApi {
  /** The groups and rows the tree view currently shows, computed by the real tree data provider. */
  treeSnapshot(): Promise<readonly TreeGroupSnapshot[]>;
  /** The tree row of a task right now (read-only); undefined for an unknown task. */
  treeItem(taskId: string): TreeItemSnapshot | undefined;
  /** Selects (and focuses) a task's row in the real tree view, as a click does before its command runs. */
  selectTreeRow(taskId: string): Promise<void>;
  /** The id of the task this one re-runs ("Retry", "Retry with Another Model…"), if any. */
  retryOf(taskId: string): string | undefined;
  /** Every message posted to the output panel's webview in this session, in order (at most 10,000). */
  postedPanelMessages(): readonly HostMessage[];
  /** The task the output panel shows, and how many panels of ours are open (tabs, adopted or not). */
  panelState(): { readonly shownTaskId?: string; readonly openPanels: number };
  /** Stores a provider's API key in SecretStorage. Write-only: no API ever returns a key. */
  setApiKey(providerId: string, key: string): Promise<void>;
  /** The most recent log lines, exactly as written to the "AI Task Queue" output channel. */
  recentLogLines(): readonly string[];
  /** The batch and comparison nodes the tree shows when grouped by batch, with their rows. */
  treeBatches(): readonly TreeBatchSnapshot[];
  /** Launching without the input boxes, and the batch review's entries (see testHooks.ts). */
  readonly testing: AiTaskQueueTestHooks;
  /** Launching, reading, cancelling and retrying provider batch jobs without the modal confirmation. */
  readonly providerBatches: ProviderBatchTestHooks;
}
