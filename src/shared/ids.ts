// Every id the manifest and the code share, in one place. A unit test checks these against
// package.json so a renamed command can never silently stop working.

export const CommandId = {
  runPrompt: 'aiTaskQueue.runPrompt',
  runOnSelection: 'aiTaskQueue.runOnSelection',
  runOnFile: 'aiTaskQueue.runOnFile',
  runOnFiles: 'aiTaskQueue.runOnFiles',
  compareModels: 'aiTaskQueue.compareModels',
  cancelTask: 'aiTaskQueue.cancelTask',
  retryTask: 'aiTaskQueue.retryTask',
  runFresh: 'aiTaskQueue.runFresh',
  showOutput: 'aiTaskQueue.showOutput',
  pauseQueue: 'aiTaskQueue.pauseQueue',
  resumeQueue: 'aiTaskQueue.resumeQueue',
  setApiKey: 'aiTaskQueue.setApiKey',
  clearApiKey: 'aiTaskQueue.clearApiKey',
  selectModel: 'aiTaskQueue.selectModel',
  cancelAll: 'aiTaskQueue.cancelAll',
  retryWithModel: 'aiTaskQueue.retryWithModel',
  resumeInterrupted: 'aiTaskQueue.resumeInterrupted',
  clearFinished: 'aiTaskQueue.clearFinished',
  removeTask: 'aiTaskQueue.removeTask',
  filterTasks: 'aiTaskQueue.filterTasks',
  clearFilter: 'aiTaskQueue.clearFilter',
  openTreeRow: 'aiTaskQueue.openTreeRow',
  showStatistics: 'aiTaskQueue.showStatistics',
  exportTasks: 'aiTaskQueue.exportTasks',
  cancelProviderBatch: 'aiTaskQueue.cancelProviderBatch',
  retryProviderBatch: 'aiTaskQueue.retryProviderBatch',
  runPromptFile: 'aiTaskQueue.runPromptFile',
  runPromptFileOnSelection: 'aiTaskQueue.runPromptFileOnSelection',
  runPromptFileOnFiles: 'aiTaskQueue.runPromptFileOnFiles',
  comparePromptFile: 'aiTaskQueue.comparePromptFile',
  rateGood: 'aiTaskQueue.rateGood',
  rateBad: 'aiTaskQueue.rateBad',
  copyResult: 'aiTaskQueue.copyResult',
  insertResultAtCursor: 'aiTaskQueue.insertResultAtCursor',
  replaceSelectionWithResult: 'aiTaskQueue.replaceSelectionWithResult',
  openResultAsDocument: 'aiTaskQueue.openResultAsDocument',
  compareResultWithSource: 'aiTaskQueue.compareResultWithSource',
  applyResultToFile: 'aiTaskQueue.applyResultToFile',
  cancelBatch: 'aiTaskQueue.cancelBatch',
  retryFailedInBatch: 'aiTaskQueue.retryFailedInBatch',
  showBatchResults: 'aiTaskQueue.showBatchResults',
  reviewBatchChanges: 'aiTaskQueue.reviewBatchChanges',
  groupByStatus: 'aiTaskQueue.groupByStatus',
  groupByBatch: 'aiTaskQueue.groupByBatch',
  showMoreBatchTasks: 'aiTaskQueue.showMoreBatchTasks',
  connectProvider: 'aiTaskQueue.connectProvider',
  openWalkthrough: 'aiTaskQueue.openWalkthrough',
} as const;
export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

export const ViewId = {
  container: 'aiTaskQueue',
  tasks: 'aiTaskQueue.tasks',
  outputPanel: 'aiTaskQueue.output',
  resultsPanel: 'aiTaskQueue.results',
} as const;

export const ContextKey = {
  paused: 'aiTaskQueue.paused',
  /** A tree filter is active (shows "Clear Filter"). */
  filtered: 'aiTaskQueue.filtered',
  /** Some interrupted task has not been resumed yet (shows "Resume Interrupted Tasks"). */
  hasInterrupted: 'aiTaskQueue.hasInterrupted',
  /** The tree shows batches and comparisons as one node each (else every task under its status). */
  groupByBatch: 'aiTaskQueue.groupByBatch',
  // What exists, so the palette offers a command only when it has something to act on.
  hasTasks: 'aiTaskQueue.hasTasks',
  /** Some task is queued, waiting or running. */
  hasCancellable: 'aiTaskQueue.hasCancellable',
  /** Some task failed or was cancelled. */
  hasRetryable: 'aiTaskQueue.hasRetryable',
  hasFinished: 'aiTaskQueue.hasFinished',
  /** Some task completed: result commands apply, and the walkthrough's "first prompt" step is done. */
  hasCompleted: 'aiTaskQueue.hasCompleted',
  hasBatches: 'aiTaskQueue.hasBatches',
  // What the keyboard acts on: the tree's selected rows, or the task the output panel shows.
  selectionCancellable: 'aiTaskQueue.selectionCancellable',
  selectionRetryable: 'aiTaskQueue.selectionRetryable',
  selectionRemovable: 'aiTaskQueue.selectionRemovable',
  panelCancellable: 'aiTaskQueue.panelCancellable',
  panelRetryable: 'aiTaskQueue.panelRetryable',
  // The walkthrough's steps, each set by the real action.
  /** A provider and model were chosen (Connect a Provider…, Select Model…). */
  providerChosen: 'aiTaskQueue.providerChosen',
  /** A key was saved, a server's URL set, or a provider answered (a connection check, a completed task). */
  providerConfigured: 'aiTaskQueue.providerConfigured',
  /** The results of a batch were shown or reviewed. */
  batchReviewed: 'aiTaskQueue.batchReviewed',
} as const;

/** The walkthrough's id within the extension (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'aiTaskQueue.gettingStarted';

export const SETTINGS_SECTION = 'aiTaskQueue';

/** Keys in the extension's Memento storage (context.workspaceState). */
export const StorageKey = {
  /** The queue was paused when the window closed: it stays paused, so restored tasks do not start by surprise. */
  queuePaused: 'aiTaskQueue.queuePaused',
  /** The task the output panel shows, so a new extension host can show it again in a fresh panel. */
  panelTaskId: 'aiTaskQueue.panelTaskId',
} as const;

/** Set by the run script when it starts the offline simulator: tasks then go to it, labelled as simulated. */
export const SIMULATOR_URL_ENV = 'AI_TASK_QUEUE_SIMULATOR_URL';

/** Read only in ExtensionMode.Test: check provider batches every this many ms (real providers: at most once a minute). */
export const TEST_BATCH_POLL_MS_ENV = 'ATQ_TEST_BATCH_POLL_MS';
/** The provider id of the offline simulator; reserved, no setting or preset uses it. */
export const SIMULATOR_PROVIDER_ID = 'simulator';

/** The provider id of VS Code's Language Model API (models other extensions provide). */
export const VSCODE_LM_PROVIDER_ID = 'vscodeLm';

/** The scheme of the read-only statistics document. */
export const STATISTICS_SCHEME = 'ai-task-queue-stats';
