// "Select Model…": sets the default provider and its model together, in user settings, and then says
// where new tasks really run (a workspace setting can still override the user's).
import * as vscode from 'vscode';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { CommandId, ContextKey, SETTINGS_SECTION } from '../../shared/ids';
import { pickModel, type ModelChoice } from '../pickers/modelPicker';
import { whenProvider } from './providerConnection';

export function registerModelCommands(providers: ProviderRegistry, catalog: ModelCatalog): vscode.Disposable[] {
  return [
    vscode.lm.onDidChangeChatModels(() => catalog.invalidate()),
    vscode.commands.registerCommand(CommandId.selectModel, async (): Promise<ModelChoice | undefined> => {
      const current = providers.defaultSelection();
      const choice = await pickModel(catalog, current, vscode.l10n.t('AI Tasks: Select Default Model'));
      if (!choice) return undefined;
      providers.choose(choice.providerId);
      // The simulator exists only while the run script runs it: chosen for this session, not saved.
      if (!providers.isSimulated(choice.providerId)) {
        const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
        await config.update('defaultProvider', choice.providerId, vscode.ConfigurationTarget.Global);
        await config.update(`providers.${choice.providerId}.model`, choice.model, vscode.ConfigurationTarget.Global);
        await whenProvider(providers, choice.providerId, () => {
          const now = providers.defaultSelection();
          return now.providerId === choice.providerId && now.model === choice.model;
        });
      }
      void vscode.commands.executeCommand('setContext', ContextKey.providerChosen, true);
      const actual = providers.defaultSelection();
      const where = `${providers.label(actual.providerId)} · ${actual.model}`;
      if (actual.providerId === choice.providerId && actual.model === choice.model) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: new tasks run on {0}.', where));
      } else {
        void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: saved {0} · {1} as your default, but new tasks run on {2}: {3}', providers.label(choice.providerId), choice.model, where, overrideReason(choice)));
      }
      return actual;
    }),
  ];
}

function overrideReason(choice: ModelChoice): string {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const overridden = [`defaultProvider`, `providers.${choice.providerId}.model`, `providers.${choice.providerId}.enabled`].filter((key) => {
    const value = config.inspect(key);
    return value?.workspaceValue !== undefined || value?.workspaceFolderValue !== undefined;
  });
  if (overridden.length > 0) return vscode.l10n.t("this workspace's settings override yours ({0}).", overridden.map((k) => `aiTaskQueue.${k}`).join(', '));
  return vscode.l10n.t('that provider is not available now (is it enabled?).');
}
