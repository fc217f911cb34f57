// Composition root: builds every service once, wires them together by constructor injection, and
// registers what VS Code needs. No other file reaches for globals.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { createSystemClock } from './core/clock';
import { PriceBook } from './core/priceBook';
import { TaskEngine } from './core/taskEngine';
import type { AiTaskQueueApi } from './extensionApi';
import { registerBatchCommands } from './commands/batchCommands';
import { registerKeyCommands } from './commands/keyCommands';
import { registerModelCommands } from './commands/modelCommands';
import { registerQueueCommands } from './commands/queueCommands';
import { registerTaskCommands } from './commands/taskCommands';
import { ViewId } from './commands/commandIds';
import { ApiKeyStore } from './host/apiKeyStore';
import { createExtensionApi } from './host/extensionApiImpl';
import { createLogger, LogTail } from './host/logger';
import { ModelCatalog } from './host/modelCatalog';
import { createProviderEntries } from './host/providerFactory';
import { ProviderRegistry } from './host/providerRegistry';
import { PROVIDER_PRESETS } from './providers/providerPresets';
import { SecretRedactor } from './host/secretRedactor';
import { onSettingsChanged, readSettings, type Settings } from './host/settings';
import { QueueStatusBar } from './host/statusBar';
import { OutputPanel } from './views/outputPanel';
import { TaskTreeProvider } from './views/taskTreeProvider';
import type { TaskViewContext } from './views/taskViewMapper';

let engineForShutdown: TaskEngine | undefined;

export function activate(context: vscode.ExtensionContext): AiTaskQueueApi {
  const redactor = new SecretRedactor();
  const channel = vscode.window.createOutputChannel('AI Task Queue', { log: true });
  const logTail = new LogTail();
  const log = createLogger(channel, redactor, logTail);
  const keys = new ApiKeyStore(context.secrets, redactor);
  void keys.warmUp(PROVIDER_PRESETS.map((p) => p.id)).catch((error: unknown) => log.error('could not read stored keys', error));
  let settings: Settings = readSettings();

  const providerDeps = { keys, env: process.env, log: log.child('providers'), lmAccess: context.languageModelAccessInformation };
  const providers = new ProviderRegistry((s) => createProviderEntries(s, providerDeps));
  providers.rebuild(settings);
  const catalog = new ModelCatalog(providers);

  let priceBook = new PriceBook(settings.pricing);
  const engineLog = log.child('engine');
  const engine = new TaskEngine({
    clock: createSystemClock(),
    newId: randomUUID,
    providers: (id) => providers.get(id),
    priceBook: () => priceBook,
    concurrency: settings.concurrency,
    defaultTimeoutMs: settings.timeoutMs,
    onDiagnostic: (m) => engineLog.warn(m),
  });
  engineForShutdown = engine;
  engine.events.on((e) => {
    if (e.type === 'started' || e.type === 'completed' || e.type === 'cancelled') engineLog.info(`${e.type} ${e.taskId}`);
    if (e.type === 'failed') engineLog.warn(`failed ${e.taskId}: ${e.failure.code} ${e.failure.message}`);
  });

  const viewContext: TaskViewContext = {
    providerLabel: (id) => providers.label(id),
    isSimulated: (id) => providers.isSimulated(id),
    redact: (text) => redactor.redact(text),
    safeLength: (text) => redactor.safeLength(text),
  };

  const tree = new TaskTreeProvider(engine, (id) => providers.label(id));
  const treeView = vscode.window.createTreeView(ViewId.tasks, { treeDataProvider: tree, showCollapseAll: true });
  const updateBadge = (): void => {
    const running = engine.counts().running;
    treeView.badge = running > 0 ? { value: running, tooltip: `${running} running` } : undefined;
  };
  const offBadge = engine.events.on((e) => {
    if (e.type === 'started' || e.type === 'completed' || e.type === 'failed' || e.type === 'cancelled') updateBadge();
  });

  const panel = new OutputPanel(context.extensionUri, engine, viewContext, log.child('panel'));
  const statusBar = new QueueStatusBar(engine);
  const readCurrent = (): Settings => settings;

  context.subscriptions.push(
    channel,
    tree,
    treeView,
    { dispose: offBadge },
    panel,
    statusBar,
    ...registerTaskCommands({ engine, providers, settings: readCurrent, panel, catalog }),
    ...registerQueueCommands(engine),
    ...registerKeyCommands(keys, providers, catalog),
    ...registerModelCommands(providers, catalog),
    ...registerBatchCommands({ engine, providers, settings: readCurrent, panel, catalog }),
    onSettingsChanged((affects) => {
      settings = readSettings();
      if (affects('concurrency')) engine.setConcurrency(settings.concurrency);
      if (affects('timeoutSeconds')) engine.setDefaultTimeoutMs(settings.timeoutMs);
      if (affects('providers') || affects('defaultProvider') || affects('maxOutputTokens')) {
        providers.rebuild(settings);
        catalog.invalidate();
      }
      if (affects('pricing')) priceBook = new PriceBook(settings.pricing);
      log.info('settings changed');
    }),
    { dispose: () => engine.dispose() },
  );

  const simulated = providers.all().find((p) => p.simulated);
  if (simulated) log.warn(`offline simulator active: tasks run against ${simulated.label}, not a real model`);
  log.info(`activated; default provider ${providers.defaultSelection().providerId}, concurrency ${settings.concurrency}`);
  return createExtensionApi({ engine, providers, settings: readCurrent, tree, panel, viewContext, keys, logTail });
}

export function deactivate(): void {
  // Abort in-flight requests so sockets close within VS Code's shutdown window.
  engineForShutdown?.dispose();
  engineForShutdown = undefined;
}
