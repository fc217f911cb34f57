// The VS Code adapters hard-code no English: every sentence a person reads in a notification, a
// quick pick, an input box, the tree, the status bar, a Markdown tooltip or a progress title is
// the message of an `l10n.t` call, so a translation of l10n/bundle.l10n.json reaches it. The scan
// (test/unit/helpers/hostStrings.ts) flags every literal that reads like words anywhere in those
// folders, not only at the sinks, so a sentence built in a helper and passed along is caught too.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishLiterals, hostSourceFiles, staleEntries, unexcused, type AllowList, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`); a
 * trailing `*` matches the start of a long literal.
 */
const NOT_LANGUAGE: AllowList = {
  // Product names, the same in every language (their neighbours, "OpenAI", "LM Studio", do not even look like words).
  'src/commands/setup/connectProvider.ts': ['$(key) Anthropic', 'Ollama'],
  // The webview's Content-Security-Policy directives and the HTML shell around the translated title and the translations' data block.
  'src/views/panel/panelHtml.ts': [
    'renderPanelHtml: nonce must be base64 (see createNonce)',
    'renderPanelHtml: invalid cspSource',
    "default-src 'none'",
    "script-src 'nonce-${…}'",
    'style-src ${…}',
    'img-src ${…} data:',
    'font-src ${…}',
    "base-uri 'none'",
    "form-action 'none'",
    '<!DOCTYPE html>\n<html lang="${…}">*',
    '\n  <script type="application/json" id="${…}">${…}</script>',
  ],
  // The offline simulator exists only when a test sets AI_TASK_QUEUE_SIMULATOR_URL; the e2e tests find it by this name.
  'src/host/providers/providerFactory.ts': ['Offline simulator'],
  'src/host/providers/providerRegistry.ts': ['Offline simulator (not a real model)'],
  // A rejection for the extension API's caller (another extension's code), not for a person.
  'src/api/extensionApiImpl.ts': ['task ${…} did not reach ${…} within ${…}ms (now ${…})'],
};

/** Built only in test mode (ExtensionMode.Test, see activate()): a user's window never runs them. */
const TEST_MODE_ONLY: readonly string[] = ['src/api/testHooks.ts', 'src/api/testApiServices.ts', 'src/api/providerBatchTestHooks.ts'];


function scan(): HostLiteral[] {
  const files = hostSourceFiles(ROOT).map((p) => ({ p, rel: path.relative(ROOT, p).split(path.sep).join('/') }));
  return files.filter((f) => !TEST_MODE_ONLY.includes(f.rel)).flatMap((f) => englishLiterals(f.rel, fs.readFileSync(f.p, 'utf8')));
}


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
      // A message with a note for the translator: both are for l10n, neither is shown as it is.
      "const word = l10n.t({ message: 'high', comment: ['A task priority, as a value'] });",
      "if (task.status === 'completed') item.contextValue = 'aiTaskQueue.task';",
      // A translated button never equals the English word: the comparison must translate too.
      "if (choice === 'Undo') undo();",
      // A single word is an id or a code, unless it stands beside a translation it belongs with.
      "const reason = failed ? 'failed' : vscode.l10n.t('was cancelled');",
      "const item = { providerId: 'local', label: vscode.l10n.t('A local server') };",
      "const where = url ? ` at ${url}` : '';",
      "type Level = 'Warning level';",
      "void vscode.commands.executeCommand('workbench.action.openSettings', '$(gear)');",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['${…} tasks queued', 'AI Task Queue: nothing to export.', 'Open', '**Cost** ${…}', 'Undo', 'failed', ' at ${…}']);
  });

  it('has every English literal inside l10n.t, apart from the reviewed allow-list', () => {
    assert.deepEqual(unexcused(found, NOT_LANGUAGE), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    assert.deepEqual(staleEntries(found, NOT_LANGUAGE), []);
  });

});
