// API keys live only in VS Code's SecretStorage, one entry per provider id.
import type * as vscode from 'vscode';
import type { SecretRedactor } from './secretRedactor';

const keyName = (providerId: string): string => `aiTaskQueue.apiKey.${providerId}`;

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: SecretRedactor,
  ) {}

  async get(providerId: string): Promise<string | undefined> {
    const key = await this.secrets.get(keyName(providerId));
    this.redactor.remember(key);
    return key || undefined;
  }

  /** Reads every provider's key once so the redactor knows them before any request or echo. */
  async warmUp(providerIds: readonly string[]): Promise<void> {
    await Promise.all(providerIds.map((id) => this.get(id)));
  }

  async set(providerId: string, key: string): Promise<void> {
    this.redactor.remember(key);
    await this.secrets.store(keyName(providerId), key);
  }

  async clear(providerId: string): Promise<void> {
    await this.secrets.delete(keyName(providerId));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith('aiTaskQueue.apiKey.')) listener();
    });
  }
}
