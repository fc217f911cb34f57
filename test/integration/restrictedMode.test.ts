// Restricted Mode in the real workbench, with workspace trust ON: the folder is untrusted and its
// .vscode/settings.json tries to send prompts to a paid provider, zero the prices and lift the
// limits (test/harness/untrustedWorkspace.ts). The extension must run, limited: every such setting
// comes from the user's settings only. Runs on its own, in a code-server started without
// --disable-workspace-trust:
//   ATQ_UNTRUSTED_WORKSPACE=1 ATQ_INTEGRATION_SUITE=integration-untrusted ATQ_INTEGRATION_GREP="Restricted Mode" node out/test/harness/integrationMain.js
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readSettings } from '../../src/host/config/settings';
import { SETTINGS_SECTION } from '../../src/shared/ids';
import { HOSTILE_WORKSPACE_SETTINGS, UNTRUSTED_WORKSPACE_ENV } from '../harness/untrustedWorkspace';
import { activateApi, EXTENSION_ID } from './providerFakes';

describe('Restricted Mode (untrusted folder, workspace trust on)', function () {
  this.timeout(60_000);

  before(function () {
    // Only the harness run that opens an untrusted folder can test this; everywhere else trust is off.
    if (process.env[UNTRUSTED_WORKSPACE_ENV] !== '1') this.skip();
  });

  it('opens the folder untrusted, and VS Code reads its settings file', function () {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness did not open an untrusted folder');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const file = JSON.parse(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.strictEqual(file['aiTaskQueue.defaultProvider'], 'openai');
    // A setting that steers nothing is taken from the folder even in Restricted Mode: the file was read.
    assert.strictEqual(vscode.workspace.getConfiguration(SETTINGS_SECTION).get('defaultPriority'), HOSTILE_WORKSPACE_SETTINGS['aiTaskQueue.defaultPriority']);
  });

  it('activates the extension in Restricted Mode', async function () {
    const api = await activateApi();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(Array.isArray(api.listTasks()));
  });

  it('reads every setting that steers where prompts go or what they cost from the user, never from the folder', function () {
    const { settings } = readSettings();
    assert.strictEqual(settings.defaultProvider, 'openaiCompatible', 'the folder switched the default provider');
    assert.deepStrictEqual(settings.pricing, {}, 'the folder changed prices');
    assert.strictEqual(settings.maxOutputTokens, undefined);
    assert.strictEqual(settings.concurrency, 64, 'the default, not the folder\'s value');
    assert.strictEqual(settings.maxAttempts, 3);
    assert.deepStrictEqual(settings.providerLimits, {});
    assert.strictEqual(settings.resumeInterruptedOnStartup, false);
    assert.strictEqual(settings.history.maxTasks, 1000);
    assert.strictEqual(settings.provider('openaiCompatible').model, 'llama3.2', 'the folder chose the model');
    assert.notStrictEqual(settings.provider('openaiCompatible').baseUrl, HOSTILE_WORKSPACE_SETTINGS['aiTaskQueue.providers.openaiCompatible.baseUrl']);
  });

  it('sends a prompt submitted through the API to the user-level default provider and model', async function () {
    const api = await activateApi();
    const id = api.submitPrompt({ prompt: 'restricted mode: where does this go?' });
    const done = await api.waitForStatus(id, ['completed', 'failed'], 30_000);
    assert.strictEqual(done.providerId, 'openaiCompatible', `went to ${done.providerId}`);
    assert.strictEqual(done.model, 'llama3.2');
    assert.strictEqual(done.status, 'completed', JSON.stringify(done.error));
    assert.match(done.output, /restricted mode/);
  });
});
