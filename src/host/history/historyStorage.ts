// Chooses where the task history lives and opens it: the workspace's storage folder
// (context.storageUri) when a folder or workspace is open, else the global storage folder. Only a
// local file-system folder can hold it; anything else (a virtual scheme) runs without saving.
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { FileTaskStore } from '../../persistence/fileTaskStore';
import type { Logger } from '../logging/logger';
import { acquireStoreLock, type StoreLock } from '../../persistence/storeLock';

export interface HistoryStorage {
  readonly store: FileTaskStore | undefined;
  readonly directory: string | undefined;
  /** Why the history is not saved in this window, for a warning; undefined when it is. */
  readonly problem?: string;
  close(): Promise<void>;
}

export function historyDirectory(context: Pick<vscode.ExtensionContext, 'storageUri' | 'globalStorageUri'>): string | undefined {
  const workspace = context.storageUri;
  if (workspace) return workspace.scheme === 'file' ? path.join(workspace.fsPath, 'history') : undefined;
  const global = context.globalStorageUri;
  return global.scheme === 'file' ? path.join(global.fsPath, 'history-no-folder') : undefined;
}

export async function openHistoryStorage(context: Pick<vscode.ExtensionContext, 'storageUri' | 'globalStorageUri'>, log: Logger): Promise<HistoryStorage> {
  const directory = historyDirectory(context);
  const none = (problem: string): HistoryStorage => ({ store: undefined, directory, problem, close: async () => undefined });
  if (!directory) return none(l10n.t('This window has no local storage folder, so the task history is not saved.'));
  let lock: StoreLock | undefined;
  try {
    lock = await acquireStoreLock(directory);
  } catch (error) {
    return none(l10n.t('The task history folder {0} cannot be used ({1}); tasks of this window are not saved.', directory, error instanceof Error ? error.message : String(error)));
  }
  if (!lock) return none(l10n.t('Another VS Code window is saving its task history to the same folder; the tasks of this window are not saved. Close the other window and reload this one to keep history here.'));
  const store = new FileTaskStore({ directory, onProblem: (message, error) => (error === undefined ? log.info(message) : log.error(message, error)) });
  log.info(`task history in ${directory}`);
  return {
    store,
    directory,
    close: async () => {
      await store.close();
      await lock.release();
    },
  };
}
