// "AI Tasks: Connect a Provider…": the first-run path from nothing to a provider that answers. Pick
// a kind (a local server, OpenAI, Anthropic, VS Code's own models), give it what it needs (a URL or
// a key), and the command enables it, checks that it answers by listing its models, and makes the
// model you pick the default. A failed check says why and offers to try again; nothing is half set.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../../host/secrets/apiKeyStore';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { findProviderPreset } from '../../providers/presets/providerPresets';
import { CommandId, ContextKey, SETTINGS_SECTION, VSCODE_LM_PROVIDER_ID } from '../../shared/ids';
import type { ModelChoice } from '../pickers/modelPicker';
import { askForKey } from './keyCommands';
import { listOne } from '../../host/providers/modelCatalog';
import { whenProvider } from './providerConnection';
import { presetLabel } from '../../host/providers/presetLabel';

export interface ConnectServices {
  readonly providers: ProviderRegistry;
  readonly catalog: ModelCatalog;
  readonly keys: ApiKeyStore;
}

interface KindItem extends vscode.QuickPickItem {
  readonly providerId: string;
}

const KINDS: readonly KindItem[] = [
  { label: vscode.l10n.t('$(server) A local server'), description: vscode.l10n.t('Ollama, LM Studio, vLLM, llama.cpp, …'), detail: vscode.l10n.t('Runs on your machine: free, no key, nothing leaves it.'), providerId: 'local' },
  { label: '$(key) OpenAI', description: vscode.l10n.t('needs an API key'), detail: vscode.l10n.t('GPT models at api.openai.com. Get a key at platform.openai.com/api-keys.'), providerId: 'openai' },
  { label: '$(key) Anthropic', description: vscode.l10n.t('needs an API key'), detail: vscode.l10n.t('Claude models at api.anthropic.com. Get a key at console.anthropic.com.'), providerId: 'anthropic' },
  { label: vscode.l10n.t("$(vscode) VS Code's language models"), description: vscode.l10n.t('no key'), detail: vscode.l10n.t('Models another extension provides, e.g. GitHub Copilot. Token figures are estimates.'), providerId: VSCODE_LM_PROVIDER_ID },
];

const LOCAL_SERVERS: readonly KindItem[] = [
  { label: 'Ollama', description: 'http://127.0.0.1:11434', detail: vscode.l10n.t('Its native API; "ollama serve", then "ollama pull llama3.2".'), providerId: 'ollama' },
  { label: 'LM Studio', description: 'http://127.0.0.1:1234/v1', detail: vscode.l10n.t("Start the server in LM Studio's Developer tab with a model loaded."), providerId: 'lmstudio' },
  { label: 'vLLM', description: 'http://127.0.0.1:8000/v1', detail: vscode.l10n.t('"vllm serve <model>".'), providerId: 'vllm' },
  { label: 'llama.cpp', description: 'http://127.0.0.1:8080/v1', detail: vscode.l10n.t('"llama-server -m <model.gguf>".'), providerId: 'llamacpp' },
  { label: vscode.l10n.t('Another OpenAI-compatible server'), description: vscode.l10n.t('any URL'), detail: vscode.l10n.t('Any server that speaks the Chat Completions API, local or hosted.'), providerId: 'openaiCompatible' },
];

export function registerConnectCommand(s: ConnectServices): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.connectProvider, async (arg?: unknown): Promise<ModelChoice | undefined> => {
    let providerId = typeof arg === 'string' ? arg : await pick(KINDS, vscode.l10n.t('AI Tasks: Connect a Provider'), vscode.l10n.t('Where should your prompts go?'));
    if (providerId === 'local') providerId = await pick(LOCAL_SERVERS, vscode.l10n.t('AI Tasks: Connect a Local Server'), vscode.l10n.t('Which server? The URL comes next, so another port or machine is fine'));
    if (!providerId) return undefined;
    return connect(s, providerId);
  });
}

async function pick(items: readonly KindItem[], title: string, placeHolder: string): Promise<string | undefined> {
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true }))?.providerId;
}

/** Sets the provider up and checks it, asking again after a failed check until it answers or the person stops. */
async function connect(s: ConnectServices, providerId: string): Promise<ModelChoice | undefined> {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const preset = findProviderPreset(providerId);
  const label = preset ? presetLabel(preset) : s.providers.label(providerId);
  // A hosted "OpenAI-compatible" server may want a key too: its first refusal says so.
  let needsKey = preset?.needsKey ?? false;
  for (;;) {
    let baseUrl: string | undefined;
    if (preset && !preset.needsKey) {
      baseUrl = await askForUrl(label, config().get<string>(`providers.${providerId}.baseUrl`) || preset.defaultBaseUrl);
      if (baseUrl === undefined) return undefined;
      if (baseUrl !== config().get<string>(`providers.${providerId}.baseUrl`)) await config().update(`providers.${providerId}.baseUrl`, baseUrl, vscode.ConfigurationTarget.Global);
    }
    if (needsKey && !(await ensureKey(s, providerId, label))) return undefined;
    if (config().get<boolean>(`providers.${providerId}.enabled`) !== true) await config().update(`providers.${providerId}.enabled`, true, vscode.ConfigurationTarget.Global);
    const entry = await whenProvider(s.providers, providerId, (e) => baseUrl === undefined || e.endpoint === baseUrl);
    if (!entry) {
      void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0} is still not available after its settings were saved: a workspace setting may turn it off ("{1}.providers.{2}.enabled").', label, SETTINGS_SECTION, providerId));
      return undefined;
    }
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Tasks: connecting to {0}…', entry.label) }, () => listOne(entry));
    if (result.models.length > 0) {
      void vscode.commands.executeCommand('setContext', ContextKey.providerConfigured, true);
      s.catalog.invalidate();
      const model = await pickModel(result.models.map((m) => m.id), config().get<string>(`providers.${providerId}.model`) || entry.defaultModel, entry.label);
      if (!model) return undefined;
      return choose(s, providerId, model, entry.label);
    }
    const where = entry.endpoint.startsWith('http') ? vscode.l10n.t(' at {0}', entry.endpoint) : '';
    const retry = vscode.l10n.t('Try Again');
    const other = vscode.l10n.t('Connect Another Provider…');
    const problem = providerId === VSCODE_LM_PROVIDER_ID && !result.unreachable ? vscode.l10n.t('no language models are available; install and sign in to an extension that provides them, such as GitHub Copilot Chat') : (result.problem ?? vscode.l10n.t('no models available'));
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('AI Task Queue: {0}{1} did not answer: {2}.', entry.label, where, problem), retry, other);
    if (choice === other) return vscode.commands.executeCommand<ModelChoice | undefined>(CommandId.connectProvider);
    if (choice !== retry) return undefined;
    // A missing or wrong key is asked for again on the next round.
    if (result.needsKey) {
      needsKey = true;
      await s.keys.clear(providerId);
    }
  }
}

/** The server's URL, as the person confirms or types it; undefined when they stop. */
async function askForUrl(label: string, current: string): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('AI Tasks: {0} URL', label),
    prompt: vscode.l10n.t('Where the server listens (Enter keeps this one). Saved in your settings for this machine.'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) => urlProblem(value.trim()),
  });
  return url === undefined ? undefined : url.trim().replace(/\/+$/, '');
}

export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return vscode.l10n.t('Type a URL such as http://127.0.0.1:11434.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return vscode.l10n.t('The URL must start with http:// or https://.');
  if (url.username || url.password) return vscode.l10n.t('Leave the user name and password out of the URL; a key goes in "Set API Key…".');
  return undefined;
}

/** A key is stored for the provider (asked for when none is). */
async function ensureKey(s: ConnectServices, providerId: string, label: string): Promise<boolean> {
  if (await s.keys.get(providerId)) return true;
  const key = await askForKey(label);
  if (!key) return false;
  await s.keys.set(providerId, key);
  return true;
}

async function pickModel(models: readonly string[], preferred: string, label: string): Promise<string | undefined> {
  if (models.length === 1) return models[0];
  const sorted = [...models].sort((a, b) => Number(b === preferred) - Number(a === preferred) || a.localeCompare(b));
  const picked = await vscode.window.showQuickPick(
    sorted.map((id) => ({ label: id, ...(id === preferred && { description: vscode.l10n.t('the suggested default') }) })),
    { title: vscode.l10n.t('AI Tasks: {0} answered with {1} models', label, models.length), placeHolder: vscode.l10n.t('Which model should new tasks use? (Select Model… changes it later)') },
  );
  return picked?.label;
}

async function choose(s: ConnectServices, providerId: string, model: string, label: string): Promise<ModelChoice> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  s.providers.choose(providerId);
  await config.update('defaultProvider', providerId, vscode.ConfigurationTarget.Global);
  await config.update(`providers.${providerId}.model`, model, vscode.ConfigurationTarget.Global);
  await whenProvider(s.providers, providerId, () => s.providers.defaultSelection().providerId === providerId && s.providers.defaultSelection().model === model);
  void vscode.commands.executeCommand('setContext', ContextKey.providerChosen, true);
  const run = vscode.l10n.t('Run Prompt…');
  void vscode.window.showInformationMessage(vscode.l10n.t('AI Task Queue: connected to {0}. New tasks run on {1}.', label, model), run).then((choice) => {
    if (choice === run) void vscode.commands.executeCommand(CommandId.runPrompt);
  });
  return { providerId, model };
}
