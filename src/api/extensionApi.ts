// What activate() returns. Other extensions and our own integration tests use it; it exposes views
// of state (plain data), never the engine's internals.
import type { HostMessage, TaskView } from '../shared/protocol';
import type { Priority, TaskStatus } from '../shared/taskVocabulary';
import type { TreeBatchSnapshot, TreeGroupSnapshot } from '../views/tree/taskTreeProvider';
import type { AiTaskQueueTestHooks } from './testHooks';

export type { AiTaskQueueTestHooks, TreeBatchSnapshot, TreeGroupSnapshot };

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
}

export interface AiTaskQueueApi {
  submitPrompt(options: SubmitPromptOptions): string;
  getTask(taskId: string): TaskView | undefined;
  listTasks(): readonly TaskView[];
  /** Resolves when the task reaches one of `statuses`; rejects after `timeoutMs`. */
  waitForStatus(taskId: string, statuses: readonly TaskStatus[], timeoutMs: number): Promise<TaskView>;
  /** The groups and rows the tree view currently shows, computed by the real tree data provider. */
  treeSnapshot(): Promise<readonly TreeGroupSnapshot[]>;
  /** The batch and comparison nodes the tree shows when grouped by batch, with their rows. */
  treeBatches(): readonly TreeBatchSnapshot[];
  /** The tree row of a task right now (read-only, for tests); undefined for an unknown task. */
  treeItem(taskId: string): TreeItemSnapshot | undefined;
  /** The id of the task this one re-runs ("Retry", "Retry with Another Model…"), if any. */
  retryOf(taskId: string): string | undefined;
  /** Every message posted to the output panel's webview in this session, in order (for tests). */
  postedPanelMessages(): readonly HostMessage[];
  /** Stores a provider's API key in SecretStorage. Write-only: no API ever returns a key. */
  setApiKey(providerId: string, key: string): Promise<void>;
  /** The most recent log lines, exactly as written to the "AI Task Queue" output channel. */
  recentLogLines(): readonly string[];
  /** Only when the extension runs in ExtensionMode.Test (integration tests); absent otherwise. */
  readonly testing?: AiTaskQueueTestHooks;
}
