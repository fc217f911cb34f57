// "Export Tasks…": selected tasks, a batch, the filtered view or the whole history, as JSON, CSV
// or Markdown, to a file chosen in a save dialog. Every text goes through the secret redactor
// (toExportRecord), so an export never contains an API key.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { EXPORT_FILE_EXTENSIONS, EXPORT_FORMATS, formatTaskExport, type ExportFormat } from '../../core/reports/taskExportFormats';
import { toExportRecord } from '../../core/reports/taskExportRecord';
import type { Task } from '../../core/domain/taskModel';
import type { TaskTreeNode } from '../../views/tree/taskTreeItems';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';
import { CommandId } from '../../shared/ids';
import { inHistoryOrder, pickExportScope } from './exportScope';
import { taskIdsFromArgs } from '../pickers/taskSelection';
import { phraseText } from '../../views/format/phraseText';

export interface ExportCommandServices {
  readonly engine: TaskEngine;
  readonly tree: TaskTreeProvider;
  readonly view: vscode.TreeView<TaskTreeNode>;
  readonly redact: (text: string) => string;
  readonly providerLabel: (providerId: string) => string;
}

/** Arguments for running the export without dialogs (tests, other extensions, keybindings). */
interface ExportRequest {
  readonly format: ExportFormat;
  readonly uri: vscode.Uri;
  readonly taskIds?: readonly string[];
  readonly batchId?: string;
}

const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = { json: 'JSON', csv: 'CSV', markdown: vscode.l10n.t('Markdown') };

export function registerExportCommands(s: ExportCommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.exportTasks, async (arg?: unknown, selected?: unknown) => {
      const request = parseExportRequest(arg);
      if (request) return writeExport(s, scopeOf(s.engine, request), request.format, request.uri, false);
      const fromTree = taskIdsFromArgs(arg, selected);
      const tasks = fromTree.length > 0 ? inHistoryOrder(s.engine, fromTree) : await pickExportScope(s.engine, s.tree, s.view);
      if (!tasks) return undefined;
      if (tasks.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: nothing to export.'));
        return undefined;
      }
      const format = await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], format: f })),
        { title: vscode.l10n.t('AI Tasks: Export {0} Task(s)', tasks.length), placeHolder: vscode.l10n.t('Format') },
      );
      if (!format) return undefined;
      const extension = EXPORT_FILE_EXTENSIONS[format.format];
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `ai-tasks-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.${extension}`;
      const uri = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Tasks'),
        saveLabel: vscode.l10n.t('Export'),
        filters: { [FORMAT_LABELS[format.format]]: [extension] },
        ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
      });
      if (!uri) return undefined;
      return writeExport(s, tasks, format.format, uri, true);
    }),
  ];
}

async function writeExport(s: ExportCommandServices, tasks: readonly Task[], format: ExportFormat, uri: vscode.Uri, interactive: boolean): Promise<number> {
  const records = tasks.map((t) => toExportRecord(t, { redact: s.redact, providerLabel: s.providerLabel, words: phraseText }));
  const text = formatTaskExport(records, format, new Date().toISOString());
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  if (interactive) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: exported {0} task(s) to {1}.', records.length, uri.fsPath || uri.toString()), vscode.l10n.t('Open')).then((choice) => {
      if (choice === vscode.l10n.t('Open')) void vscode.commands.executeCommand('vscode.open', uri);
    });
  }
  return records.length;
}

function scopeOf(engine: TaskEngine, request: ExportRequest): readonly Task[] {
  if (request.taskIds) return inHistoryOrder(engine, request.taskIds);
  if (request.batchId !== undefined) return engine.list().filter((t) => t.batchId === request.batchId);
  return engine.list();
}

/** Validates an argument object at the command boundary; undefined when it is not an export request. */
function parseExportRequest(arg: unknown): ExportRequest | undefined {
  if (!arg || typeof arg !== 'object' || !('format' in arg) || !('uri' in arg)) return undefined;
  const { format, uri, taskIds, batchId } = arg as { format: unknown; uri: unknown; taskIds?: unknown; batchId?: unknown };
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) return undefined;
  // A string is an absolute file path.
  const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' && uri.length > 0 ? vscode.Uri.file(uri) : undefined;
  if (!target) return undefined;
  return {
    format: format as ExportFormat,
    uri: target,
    ...(Array.isArray(taskIds) && { taskIds: taskIds.filter((id): id is string => typeof id === 'string') }),
    ...(typeof batchId === 'string' && { batchId }),
  };
}
