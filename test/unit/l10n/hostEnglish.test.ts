// The VS Code adapters hard-code no English: every sentence a person reads in a notification, a
// quick pick, an input box, the tree, the status bar, a Markdown tooltip or a progress title is
// the message of an `l10n.t` call, so a translation of l10n/bundle.l10n.json reaches it. The scan
// (test/unit/helpers/hostStrings.ts) flags every literal that reads like words anywhere in those
// folders, not only at the sinks, so a sentence built in a helper and passed along is caught too.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishLiterals, hostSourceFiles, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`).
 */
const NOT_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
};

/**
 * Files whose strings are not converted yet (issue 15): the backlog, shrinking. A file leaves this
 * list once its English goes through l10n.t; the last test fails while a listed file is clean.
 */
const NOT_YET_CONVERTED: readonly string[] = [
  'src/api/extensionApiImpl.ts',
  'src/api/providerBatchTestHooks.ts',
  'src/api/testApiServices.ts',
  'src/api/testHooks.ts',
  'src/commands/history/exportCommands.ts',
  'src/commands/history/exportScope.ts',
  'src/commands/history/filterCommands.ts',
  'src/commands/history/historyCommands.ts',
  'src/commands/launch/batchCommands.ts',
  'src/commands/launch/fileContents.ts',
  'src/commands/launch/launchCommands.ts',
  'src/commands/launch/launchEstimate.ts',
  'src/commands/launch/promptFileCommands.ts',
  'src/commands/launch/promptFileLaunch.ts',
  'src/commands/launch/promptFileSource.ts',
  'src/commands/pickers/modelPicker.ts',
  'src/commands/pickers/promptInput.ts',
  'src/commands/pickers/runConfirmation.ts',
  'src/commands/pickers/taskPicker.ts',
  'src/commands/pickers/timeLimitInput.ts',
  'src/commands/results/answerPicker.ts',
  'src/commands/results/batchCommands.ts',
  'src/commands/results/documentEdits.ts',
  'src/commands/results/fileApply.ts',
  'src/commands/results/resultCommands.ts',
  'src/commands/results/resultServices.ts',
  'src/commands/results/selectionReplace.ts',
  'src/commands/results/simpleResultActions.ts',
  'src/commands/setup/connectProvider.ts',
  'src/commands/setup/keyCommands.ts',
  'src/commands/setup/modelCommands.ts',
  'src/commands/tasks/cancelAllCommand.ts',
  'src/commands/tasks/providerBatchCommands.ts',
  'src/commands/tasks/rateCommands.ts',
  'src/commands/tasks/retryWithModelCommand.ts',
  'src/commands/tasks/taskActionCommands.ts',
  'src/extension.ts',
  'src/host/batches/batchEndNotice.ts',
  'src/host/config/settingsValues.ts',
  'src/host/cost/budgetGuard.ts',
  'src/host/history/historyStartup.ts',
  'src/host/history/historyStorage.ts',
  'src/host/providers/modelCatalog.ts',
  'src/host/providers/providerFactory.ts',
  'src/host/providers/providerRegistry.ts',
  'src/host/providers/vscodeLmProvider.ts',
  'src/host/results/batchReview.ts',
  'src/host/results/proposalDocuments.ts',
  'src/host/results/sourceDocument.ts',
  'src/views/panel/outputPanel.ts',
  'src/views/panel/panelHtml.ts',
  'src/views/results/resultRows.ts',
  'src/views/results/resultsPanels.ts',
  'src/views/statistics/statisticsDocument.ts',
  'src/views/status/batchFinishNotice.ts',
  'src/views/status/failurePauseNotice.ts',
  'src/views/tree/batchTreeItems.ts',
  'src/views/tree/providerBatchSection.ts',
  'src/views/tree/taskTreeProvider.ts',
];

function scan(): HostLiteral[] {
  return hostSourceFiles(ROOT).flatMap((p) => englishLiterals(path.relative(ROOT, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')));
}

const allowed = (l: HostLiteral): boolean => NOT_LANGUAGE[l.file]?.includes(l.text) ?? false;

describe('Host localization: no hard-coded English in the VS Code adapters', () => {
  const found = scan();

  it('flags English at a sink and through a variable, and lets l10n.t messages, ids, types and log lines pass', () => {
    // Guards the scanner: were it to flag nothing, the test below would prove nothing.
    const sample = [
      "import * as vscode from 'vscode';",
      "const label = `${n} tasks queued`;",
      "void vscode.window.showWarningMessage('AI Task Queue: nothing to export.', 'Open');",
      "item.tooltip = new vscode.MarkdownString(`**Cost** ${cost}`);",
      "void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: exported {0} tasks.', n), vscode.l10n.t('Open'));",
      "log.info(`task ${id}: completed`);",
      "if (status === 'Completed job') item.contextValue = 'aiTaskQueue.task';",
      "type Level = 'Warning level';",
      "void vscode.commands.executeCommand('workbench.action.openSettings', '$(gear)');",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['${…} tasks queued', 'AI Task Queue: nothing to export.', 'Open', '**Cost** ${…}']);
    assert.ok(found.length > 0 || NOT_YET_CONVERTED.length === 0);
  });

  it('has every English literal inside l10n.t, apart from the reviewed allow-list', () => {
    const left = found.filter((l) => !allowed(l) && !NOT_YET_CONVERTED.includes(l.file));
    assert.deepEqual(left.map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    const stale = Object.entries(NOT_LANGUAGE).flatMap(([file, texts]) => texts.filter((t) => !found.some((l) => l.file === file && l.text === t)).map((t) => `${file}: ${t}`));
    assert.deepEqual(stale, []);
  });

  it('lists in the backlog only files that still hold English', () => {
    assert.deepEqual(NOT_YET_CONVERTED.filter((f) => !found.some((l) => l.file === f && !allowed(l))), []);
  });
});
