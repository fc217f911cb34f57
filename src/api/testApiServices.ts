// The host side of the test API's hooks (ExtensionMode.Test only): the real tree view and output
// panel, read or driven the way the workbench does it. Never reached in a user's window.
import * as vscode from 'vscode';
import type { TestApiServices } from './extensionApiImpl';
import type { AiTaskQueueTestHooks, ProviderBatchTestHooks, TreeItemSnapshot } from './extensionApi';
import type { HostMessage } from '../shared/protocol';
import type { ApiKeyStore } from '../host/secrets/apiKeyStore';
import type { RecentItems } from '../host/logging/recentItems';
import type { OutputPanel } from '../views/panel/outputPanel';
import type { TaskTreeProvider } from '../views/tree/taskTreeProvider';
import type { TaskTreeNode } from '../views/tree/taskTreeItems';

export interface TestHookDeps {
  readonly tree: TaskTreeProvider;
  readonly treeView: vscode.TreeView<TaskTreeNode>;
  readonly panel: OutputPanel;
  readonly keys: ApiKeyStore;
  readonly redact: (text: string) => string;
  readonly logLines: RecentItems<string>;
  readonly panelMessages: RecentItems<HostMessage>;
  readonly testing: AiTaskQueueTestHooks;
  readonly providerBatches: ProviderBatchTestHooks;
}

export function createTestApiServices(d: TestHookDeps): TestApiServices {
  return {
    treeSnapshot: () => d.tree.snapshot(),
    treeItem: (taskId) => treeItemSnapshot(d, taskId),
    selectTreeRow: async (taskId) => {
      const node = d.tree.nodeFor(taskId);
      if (!node) throw new Error(`no tree row for task ${taskId}`);
      await d.treeView.reveal(node, { select: true, focus: true });
    },
    panelState: () => ({ ...(d.panel.shownTaskId !== undefined && { shownTaskId: d.panel.shownTaskId }), openPanels: d.panel.openTabs().length }),
    panelMessages: d.panelMessages,
    logLines: d.logLines,
    setApiKey: (providerId, key) => d.keys.set(providerId, key),
    treeBatches: () => d.tree.batchSnapshot().map((b) => ({ ...b, label: d.redact(b.label), rows: b.rows.map((r) => ({ ...r, label: d.redact(r.label) })) })),
    testing: d.testing,
    providerBatches: d.providerBatches,
  };
}

function treeItemSnapshot(d: TestHookDeps, taskId: string): TreeItemSnapshot | undefined {
  const node = d.tree.nodeFor(taskId);
  if (!node) return undefined;
  const item = d.tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
  return {
    label: d.redact(label),
    ...(typeof item.description === 'string' && { description: d.redact(item.description) }),
    ...(tooltip !== undefined && { tooltip: d.redact(tooltip) }),
    ...(item.contextValue !== undefined && { contextValue: item.contextValue }),
    ...(item.command && { command: { id: item.command.command, ...(item.command.arguments && { arguments: item.command.arguments }) } }),
  };
}
