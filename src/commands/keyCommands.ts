// Storing API keys: always through a password box into SecretStorage, never into settings.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { ProviderRegistry } from '../host/providerRegistry';
import { CommandId } from './commandIds';

export function registerKeyCommands(keys: ApiKeyStore, providers: ProviderRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.setApiKey, async (providerArg?: unknown) => {
      const choices = providers.keyedProviders();
      const providerId =
        typeof providerArg === 'string' && choices.some((c) => c.id === providerArg)
          ? providerArg
          : choices.length === 1
            ? choices[0]!.id
            : (await vscode.window.showQuickPick(choices.map((c) => ({ label: c.label, id: c.id })), { placeHolder: 'Set the API key for which provider?' }))?.id;
      if (!providerId) return;
      const key = await vscode.window.showInputBox({
        title: `API key for ${providers.label(providerId)}`,
        prompt: 'Stored in VS Code\'s secret storage; never written to settings or logs. Leave empty for local servers that need none.',
        password: true,
        ignoreFocusOut: true,
      });
      if (key === undefined) return;
      if (key.trim()) await keys.set(providerId, key.trim());
      else await keys.clear(providerId);
      void vscode.window.showInformationMessage(`AI Task Queue: API key for ${providers.label(providerId)} ${key.trim() ? 'saved' : 'cleared'}.`);
    }),
  ];
}
