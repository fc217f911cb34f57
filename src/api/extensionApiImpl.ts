// Implements the public API (extensionApi.ts) over the engine and views.
import type { TaskEngine } from '../core/engine/taskEngine';
import type { AiTaskQueueApi, SubmitPromptOptions, TreeBatchSnapshot, TreeGroupSnapshot, TreeItemSnapshot } from './extensionApi';
import type { HostMessage, TaskView } from '../shared/protocol';
import type { TaskStatus } from '../shared/taskVocabulary';
import { titleFromPrompt } from '../core/launch/promptText';
import type { OutputPanel } from '../views/panel/outputPanel';
import type { TaskTreeProvider } from '../views/tree/taskTreeProvider';
import { toTaskView, type TaskViewContext } from '../views/panel/taskViewMapper';
import type { ApiKeyStore } from '../host/secrets/apiKeyStore';
import type { LogTail } from '../host/logging/logger';
import type { ProviderRegistry } from '../host/providers/providerRegistry';
import type { Settings } from '../host/config/settings';
import type { BatchIndex } from '../core/results/batchIndex';
import type { ResultsPanels } from '../views/results/resultsPanels';
import { createTestHooks } from './testHooks';

export interface ApiServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly settings: () => Settings;
  readonly tree: TaskTreeProvider;
  readonly panel: OutputPanel;
  readonly viewContext: TaskViewContext;
  readonly keys: ApiKeyStore;
  readonly logTail: LogTail;
  readonly batches: BatchIndex;
  readonly results: ResultsPanels;
  /** ExtensionMode.Test: the test hooks are added. */
  readonly testMode: boolean;
}

export function createExtensionApi(s: ApiServices): AiTaskQueueApi {
  const view = (taskId: string): TaskView | undefined => {
    const task = s.engine.get(taskId);
    return task && toTaskView(task, s.viewContext);
  };
  return {
    submitPrompt(options: SubmitPromptOptions): string {
      const fallback = s.providers.defaultSelection();
      const providerId = options.providerId ?? fallback.providerId;
      const model = options.model ?? (options.providerId ? '' : fallback.model);
      return s.engine.submit({
        title: options.title ?? titleFromPrompt(options.prompt),
        prompt: options.prompt,
        providerId,
        model,
        priority: options.priority ?? s.settings().defaultPriority,
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
    treeSnapshot: async (): Promise<readonly TreeGroupSnapshot[]> => s.tree.snapshot(),
    treeBatches: (): readonly TreeBatchSnapshot[] => s.tree.batchSnapshot().map((b) => ({ ...b, label: s.viewContext.redact(b.label), rows: b.rows.map((r) => ({ ...r, label: s.viewContext.redact(r.label) })) })),
    treeItem(taskId: string): TreeItemSnapshot | undefined {
      const node = s.tree.nodeFor(taskId);
      if (!node) return undefined;
      const item = s.tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
      const redact = (text: string): string => s.viewContext.redact(text);
      return {
        label: redact(label),
        ...(typeof item.description === 'string' && { description: redact(item.description) }),
        ...(tooltip !== undefined && { tooltip: redact(tooltip) }),
        ...(item.contextValue !== undefined && { contextValue: item.contextValue }),
      };
    },
    retryOf: (taskId: string): string | undefined => s.engine.get(taskId)?.retryOf,
    postedPanelMessages: (): readonly HostMessage[] => s.panel.postedMessages(),
    setApiKey: (providerId: string, key: string): Promise<void> => s.keys.set(providerId, key),
    recentLogLines: (): readonly string[] => s.logTail.snapshot(),
    ...(s.testMode && { testing: createTestHooks(s) }),
  };
}
