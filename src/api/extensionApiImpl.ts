// Builds the API activate() returns (src/api/extensionApi.ts) over the engine and views. No runtime
// `vscode` import: what the API holds in each extension mode is unit-tested in plain Node.
import type { TaskEngine } from '../core/engine/taskEngine';
import type { AiTaskQueueApi, AiTaskQueueTestApi, AiTaskQueueTestHooks, ProviderBatchTestHooks, SubmitPromptOptions, TreeBatchSnapshot, TreeGroupSnapshot, TreeItemSnapshot } from './extensionApi';
import type { HostMessage, TaskView } from '../shared/protocol';
import type { Priority, TaskStatus } from '../shared/taskVocabulary';
import { titleFromPrompt } from '../core/launch/promptText';
import { toTaskView, type TaskViewContext } from '../views/panel/taskViewMapper';

export interface ApiServices {
  readonly engine: TaskEngine;
  /** The provider and model new tasks use when the caller names none. */
  readonly defaultSelection: () => { readonly providerId: string; readonly model: string };
  readonly defaultPriority: () => Priority;
  readonly viewContext: TaskViewContext;
}

/** What only the test API reaches; created by the composition root in ExtensionMode.Test only. */
export interface TestApiServices {
  readonly treeSnapshot: () => readonly TreeGroupSnapshot[];
  readonly treeItem: (taskId: string) => TreeItemSnapshot | undefined;
  readonly selectTreeRow: (taskId: string) => Promise<void>;
  readonly panelState: () => { readonly shownTaskId?: string; readonly openPanels: number };
  readonly panelMessages: { snapshot(): readonly HostMessage[] };
  readonly logLines: { snapshot(): readonly string[] };
  readonly setApiKey: (providerId: string, key: string) => Promise<void>;
  readonly treeBatches: () => readonly TreeBatchSnapshot[];
  readonly testing: AiTaskQueueTestHooks;
  readonly providerBatches: ProviderBatchTestHooks;
}

export function createExtensionApi(s: ApiServices): AiTaskQueueApi {
  const view = (taskId: string): TaskView | undefined => {
    const task = s.engine.get(taskId);
    return task && toTaskView(task, s.viewContext);
  };
  return {
    submitPrompt(options: SubmitPromptOptions): string {
      const fallback = s.defaultSelection();
      const providerId = options.providerId ?? fallback.providerId;
      const model = options.model ?? (options.providerId ? '' : fallback.model);
      return s.engine.submit({
        title: options.title ?? titleFromPrompt(options.prompt),
        prompt: options.prompt,
        providerId,
        model,
        priority: options.priority ?? s.defaultPriority(),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        ...(options.batchId !== undefined && { batchId: options.batchId }),
      }).id;
    },
    getTask: view,
    listTasks: (): readonly TaskView[] => s.engine.list().map((t) => toTaskView(t, s.viewContext)),
    waitForStatus(taskId: string, statuses: readonly TaskStatus[], timeoutMs: number): Promise<TaskView> {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const current = view(taskId);
          if (current && statuses.includes(current.status)) {
            cleanup();
            resolve(current);
            return true;
          }
          return false;
        };
        const off = s.engine.events.on((e) => {
          if (e.taskId === taskId) check();
        });
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`task ${taskId} did not reach ${statuses.join('/')} within ${timeoutMs}ms (now ${view(taskId)?.status ?? 'missing'})`));
        }, timeoutMs);
        const cleanup = (): void => {
          off();
          clearTimeout(timer);
        };
        check();
      });
    },
  };
}

/** The public API plus the test hooks. Only for ExtensionMode.Test. */
export function createTestApi(s: ApiServices, t: TestApiServices): AiTaskQueueTestApi {
  return {
    ...createExtensionApi(s),
    treeSnapshot: async (): Promise<readonly TreeGroupSnapshot[]> => t.treeSnapshot(),
    treeItem: (taskId: string): TreeItemSnapshot | undefined => t.treeItem(taskId),
    selectTreeRow: (taskId: string): Promise<void> => t.selectTreeRow(taskId),
    retryOf: (taskId: string): string | undefined => s.engine.get(taskId)?.retryOf,
    postedPanelMessages: (): readonly HostMessage[] => t.panelMessages.snapshot(),
    panelState: () => t.panelState(),
    setApiKey: (providerId: string, key: string): Promise<void> => t.setApiKey(providerId, key),
    recentLogLines: (): readonly string[] => t.logLines.snapshot(),
    treeBatches: (): readonly TreeBatchSnapshot[] => t.treeBatches(),
    testing: t.testing,
    providerBatches: t.providerBatches,
  };
}
