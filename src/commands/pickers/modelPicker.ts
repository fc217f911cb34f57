// The model pickers shared by "Select Model…", the per-task override in "Run Prompt…" and
// "Compare Models…": live models grouped by provider, with a row explaining any provider that
// cannot list its models (selecting a missing-key row opens "Set API Key…").
import * as vscode from 'vscode';
import type { ModelCatalog, ProviderModels } from '../../host/providers/modelCatalog';
import { CommandId } from '../../shared/ids';
import { modelRowDescriptions } from './modelRows';

export interface ModelChoice {
  readonly providerId: string;
  readonly model: string;
}

interface PickItem extends vscode.QuickPickItem {
  readonly choice?: ModelChoice;
  readonly fixKeyFor?: string;
}

function buildItems(groups: readonly ProviderModels[], current: ModelChoice | undefined, withProblems: boolean): PickItem[] {
  const descriptions = modelRowDescriptions(groups);
  const items: PickItem[] = [];
  for (const group of groups) {
    items.push({ label: group.entry.label, kind: vscode.QuickPickItemKind.Separator });
    if (group.problem && withProblems) {
      items.push({
        label: `$(warning) ${group.entry.label}: ${group.problem}`,
        alwaysShow: true,
        ...(group.needsKey && { fixKeyFor: group.entry.id, detail: vscode.l10n.t('Select to set the API key') }),
      });
    }
    for (const model of group.models) {
      const isCurrent = group.entry.id === current?.providerId && model.id === current.model;
      const description = descriptions.get(group)?.get(model.id);
      items.push({
        label: `${isCurrent ? '$(check) ' : ''}${model.label ?? model.id}`,
        ...(description && { description }),
        choice: { providerId: group.entry.id, model: model.id },
      });
    }
  }
  return items;
}

async function runPicker(catalog: ModelCatalog, title: string, many: boolean, current?: ModelChoice): Promise<readonly PickItem[] | undefined> {
  const quickPick = vscode.window.createQuickPick<PickItem>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Loading models from every enabled provider…');
  quickPick.busy = true;
  quickPick.canSelectMany = many;
  quickPick.matchOnDescription = true;
  quickPick.show();
  const result = new Promise<readonly PickItem[] | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(many ? quickPick.selectedItems : quickPick.selectedItems.slice(0, 1)));
    quickPick.onDidHide(() => resolve(undefined));
  });
  void catalog.list().then((groups) => {
    quickPick.items = buildItems(groups, current, !many);
    quickPick.busy = false;
    quickPick.placeholder = many ? vscode.l10n.t('Tick the models to compare, then press Enter') : vscode.l10n.t('Pick a model');
  });
  const picked = await result;
  quickPick.dispose();
  return picked;
}

export async function pickModel(catalog: ModelCatalog, current: ModelChoice, title: string): Promise<ModelChoice | undefined> {
  const picked = (await runPicker(catalog, title, false, current))?.[0];
  if (picked?.fixKeyFor) {
    await vscode.commands.executeCommand(CommandId.setApiKey, picked.fixKeyFor);
    catalog.invalidate();
    return undefined;
  }
  return picked?.choice;
}

export async function pickModels(catalog: ModelCatalog, title: string): Promise<readonly ModelChoice[] | undefined> {
  const picked = await runPicker(catalog, title, true);
  return picked?.flatMap((p) => (p.choice ? [p.choice] : []));
}
