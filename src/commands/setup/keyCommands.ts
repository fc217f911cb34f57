// Storing API keys: always through a password box into SecretStorage, never into settings.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../../host/secrets/apiKeyStore';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { CommandId, ContextKey } from '../../shared/ids';

async function pickKeyTarget(providers: ProviderRegistry, arg: unknown, placeHolder: string): Promise<string | undefined> {
  const targets = providers.keyTargets();
  if (typeof arg === 'string' && targets.some((t) => t.id === arg)) return arg;
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.label, description: t.needsKey ? vscode.l10n.t('requires a key') : vscode.l10n.t('optional (e.g. behind a proxy)'), id: t.id })),
    { placeHolder },
  );
  return picked?.id;
}

/** Asks for a key in a password box; undefined when none was given. */
export async function askForKey(label: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API key for {0}', label),
    prompt: vscode.l10n.t("Stored in VS Code's secret storage; never written to settings, logs or exports."),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('A key has no spaces inside.') : undefined),
  });
  return key?.trim() || undefined;
}

export function registerKeyCommands(keys: ApiKeyStore, providers: ProviderRegistry, catalog: ModelCatalog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.setApiKey, async (arg?: unknown) => {
      const providerId = await pickKeyTarget(providers, arg, vscode.l10n.t('Set the API key for which provider?'));
      if (!providerId) return;
      const key = await askForKey(providers.label(providerId));
      if (!key) return;
      await keys.set(providerId, key);
      catalog.invalidate();
      void vscode.commands.executeCommand('setContext', ContextKey.providerConfigured, true);
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: API key for {0} saved.', providers.label(providerId)));
    }),
    vscode.commands.registerCommand(CommandId.clearApiKey, async (arg?: unknown) => {
      const providerId = await pickKeyTarget(providers, arg, vscode.l10n.t('Clear the API key of which provider?'));
      if (!providerId) return;
      await keys.clear(providerId);
      catalog.invalidate();
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: API key for {0} cleared.', providers.label(providerId)));
    }),
  ];
}
