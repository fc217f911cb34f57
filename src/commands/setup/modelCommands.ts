// "Select Model…": sets the default provider and its model together, in user settings.
import * as vscode from 'vscode';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { CommandId, SETTINGS_SECTION } from '../../shared/ids';
import { pickModel } from '../pickers/modelPicker';

export function registerModelCommands(providers: ProviderRegistry, catalog: ModelCatalog): vscode.Disposable[] {
  return [
    vscode.lm.onDidChangeChatModels(() => catalog.invalidate()),
    vscode.commands.registerCommand(CommandId.selectModel, async () => {
      const current = providers.defaultSelection();
      const choice = await pickModel(catalog, current, 'AI Tasks: Select Default Model');
      if (!choice) return;
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      if (providers.isSimulated(choice.providerId)) {
        void vscode.window.showInformationMessage('AI Task Queue: the offline simulator is already the default while it runs.');
        return;
      }
      await config.update('defaultProvider', choice.providerId, vscode.ConfigurationTarget.Global);
      await config.update(`providers.${choice.providerId}.model`, choice.model, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`AI Task Queue: new tasks run on ${providers.label(choice.providerId)} · ${choice.model}.`);
    }),
  ];
}
