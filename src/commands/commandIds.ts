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
  showOutput: 'aiTaskQueue.showOutput',
  pauseQueue: 'aiTaskQueue.pauseQueue',
  resumeQueue: 'aiTaskQueue.resumeQueue',
  setApiKey: 'aiTaskQueue.setApiKey',
  clearApiKey: 'aiTaskQueue.clearApiKey',
  selectModel: 'aiTaskQueue.selectModel',
} as const;
export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

export const ViewId = {
  container: 'aiTaskQueue',
  tasks: 'aiTaskQueue.tasks',
  outputPanel: 'aiTaskQueue.output',
} as const;

export const ContextKey = {
  paused: 'aiTaskQueue.paused',
} as const;

export const SETTINGS_SECTION = 'aiTaskQueue';
