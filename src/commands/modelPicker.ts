// The model picker shared by "Select Model…" and the per-task override in "Run Prompt…": live
// models grouped by provider, with a row explaining any provider that cannot list its models.
import * as vscode from 'vscode';
import type { ModelCatalog } from '../host/modelCatalog';
import { CommandId } from './commandIds';

export interface ModelChoice {
  readonly providerId: string;
  readonly model: string;
}

interface PickItem extends vscode.QuickPickItem {
  readonly choice?: ModelChoice;
  readonly fixKeyFor?: string;
}

export async function pickModel(catalog: ModelCatalog, current: ModelChoice, title: string): Promise<ModelChoice | undefined> {
  const quickPick = vscode.window.createQuickPick<PickItem>();
  quickPick.title = title;
  quickPick.placeholder = 'Loading models from every enabled provider…';
  quickPick.busy = true;
  quickPick.matchOnDescription = true;
  quickPick.show();
  const groups = await catalog.list();
  const items: PickItem[] = [];
  for (const group of groups) {
    items.push({ label: group.entry.label, kind: vscode.QuickPickItemKind.Separator });
    if (group.problem) {
      items.push({
        label: `$(warning) ${group.entry.label}: ${group.problem}`,
        alwaysShow: true,
        ...(group.needsKey && { fixKeyFor: group.entry.id, detail: 'Select to set the API key' }),
      });
    }
    for (const model of group.models) {
      const isCurrent = group.entry.id === current.providerId && model.id === current.model;
      items.push({
        label: `${isCurrent ? '$(check) ' : ''}${model.label ?? model.id}`,
        description: model.label && model.label !== model.id ? model.id : group.entry.label,
        choice: { providerId: group.entry.id, model: model.id },
      });
    }
  }
  quickPick.items = items;
  quickPick.busy = false;
  quickPick.placeholder = 'Pick a model';
  const picked = await new Promise<PickItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.dispose();
  if (picked?.fixKeyFor) {
    await vscode.commands.executeCommand(CommandId.setApiKey, picked.fixKeyFor);
    catalog.invalidate();
    return undefined;
  }
  return picked?.choice;
}
