// Storing API keys: always through a password box into SecretStorage, never into settings.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../../host/secrets/apiKeyStore';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { CommandId } from '../../shared/ids';

async function pickKeyTarget(providers: ProviderRegistry, arg: unknown, placeHolder: string): Promise<string | undefined> {
  const targets = providers.keyTargets();
  if (typeof arg === 'string' && targets.some((t) => t.id === arg)) return arg;
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.label, description: t.needsKey ? 'requires a key' : 'optional (e.g. behind a proxy)', id: t.id })),
    { placeHolder },
  );
  return picked?.id;
}

export function registerKeyCommands(keys: ApiKeyStore, providers: ProviderRegistry, catalog: ModelCatalog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.setApiKey, async (arg?: unknown) => {
      const providerId = await pickKeyTarget(providers, arg, 'Set the API key for which provider?');
      if (!providerId) return;
      const key = await vscode.window.showInputBox({
        title: `API key for ${providers.label(providerId)}`,
        prompt: 'Stored in VS Code\'s secret storage; never written to settings, logs or exports.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (/\s/.test(value.trim()) ? 'A key has no spaces inside.' : undefined),
      });
      if (!key?.trim()) return;
      await keys.set(providerId, key.trim());
      catalog.invalidate();
      void vscode.window.showInformationMessage(`AI Task Queue: API key for ${providers.label(providerId)} saved.`);
    }),
    vscode.commands.registerCommand(CommandId.clearApiKey, async (arg?: unknown) => {
      const providerId = await pickKeyTarget(providers, arg, 'Clear the API key of which provider?');
      if (!providerId) return;
      await keys.clear(providerId);
      catalog.invalidate();
      void vscode.window.showInformationMessage(`AI Task Queue: API key for ${providers.label(providerId)} cleared.`);
    }),
  ];
}
