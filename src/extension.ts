// Composition root: builds every service once, wires them together by constructor injection, and
// registers what VS Code needs. No other file reaches for globals.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { createSystemClock } from './core/domain/clock';
import { PriceBook } from './core/usage/priceBook';
import { TaskEngine } from './core/engine/taskEngine';
import type { AiTaskQueueApi, AiTaskQueueTestApi } from './api/extensionApi';
import { registerBatchCommands } from './commands/launch/batchCommands';
import { registerCancelAllCommand } from './commands/tasks/cancelAllCommand';
import { registerRetryWithModelCommand } from './commands/tasks/retryWithModelCommand';
import { coalescedCall } from './views/tree/coalescedCall';
import { applyEngineSettings } from './host/config/engineSettings';
import { registerFailurePauseNotice } from './views/status/failurePauseNotice';
import { registerKeyCommands } from './commands/setup/keyCommands';
import { registerModelCommands } from './commands/setup/modelCommands';
import { registerQueueCommands } from './commands/tasks/queueCommands';
import { registerLaunchCommands } from './commands/launch/launchCommands';
import { registerTaskActionCommands } from './commands/tasks/taskActionCommands';
import { registerTreeRowCommand } from './commands/tasks/treeRowCommand';
import { StorageKey, ViewId } from './shared/ids';
import { ApiKeyStore } from './host/secrets/apiKeyStore';
import { createExtensionApi, createTestApi, type ApiServices } from './api/extensionApiImpl';
import { createTestApiServices } from './api/testApiServices';
import { createLogger } from './host/logging/logger';
import { RecentItems } from './host/logging/recentItems';
import { ModelCatalog } from './host/providers/modelCatalog';
import { createProviderEntries } from './host/providers/providerFactory';
import { ProviderRegistry } from './host/providers/providerRegistry';
import { PROVIDER_PRESETS } from './providers/presets/providerPresets';
import { SecretRedactor } from './host/secrets/secretRedactor';
import { onSettingsChanged, readSettings, type Settings } from './host/config/settings';
import { QueueStatusBar } from './views/status/statusBar';
import { OutputPanel } from './views/panel/outputPanel';
import { TaskTreeProvider } from './views/tree/taskTreeProvider';
import type { TaskViewContext } from './views/panel/taskViewMapper';
import type { HostMessage } from './shared/protocol';
import { TaskHistory } from './core/history/taskHistory';
import { registerExportCommands } from './commands/history/exportCommands';
import { registerFilterCommands } from './commands/history/filterCommands';
import { registerHistoryCommands } from './commands/history/historyCommands';
import { registerStatisticsCommands } from './commands/history/statisticsCommands';
import { announceHistory } from './host/history/historyStartup';
import { openHistoryStorage, type HistoryStorage } from './host/history/historyStorage';

let engineForShutdown: TaskEngine | undefined;
let historyForShutdown: { readonly history: TaskHistory; readonly storage: HistoryStorage } | undefined;
/** VS Code gives deactivate about 5 s in total; saving the history must fit well inside it. */
const SHUTDOWN_SAVE_LIMIT_MS = 900;

export async function activate(context: vscode.ExtensionContext): Promise<AiTaskQueueApi | AiTaskQueueTestApi> {
  const redactor = new SecretRedactor();
  const channel = vscode.window.createOutputChannel('AI Task Queue', { log: true });
  // What only the test API reads exists only in test mode: a user's window records nothing.
  const recorders = context.extensionMode === vscode.ExtensionMode.Test ? { logLines: new RecentItems<string>(2_000), panelMessages: new RecentItems<HostMessage>(10_000) } : undefined;
  const log = createLogger(channel, redactor, recorders?.logLines);
  const keys = new ApiKeyStore(context.secrets, redactor);
  void keys.warmUp(PROVIDER_PRESETS.map((p) => p.id)).catch((error: unknown) => log.error('could not read stored keys', error));
  let settings: Settings = readSettings();
  const historyLog = log.child('history');
  // The one wait before the UI exists: everything after it (tree view, panel, every command) is
  // created in one synchronous run, so no row or welcome link can name a command not yet registered.
  const storage = await openHistoryStorage(context, historyLog);

  const providerDeps = { keys, env: process.env, log: log.child('providers'), lmAccess: context.languageModelAccessInformation };
  const providers = new ProviderRegistry((s) => createProviderEntries(s, providerDeps));
  providers.rebuild(settings);
  const catalog = new ModelCatalog(providers);

  let priceBook = new PriceBook(settings.pricing);
  const engineLog = log.child('engine');
  const clock = createSystemClock();
  const engine = new TaskEngine({
    clock,
    newId: randomUUID,
    providers: (id) => providers.get(id),
    priceBook: () => priceBook,
    concurrency: settings.concurrency,
    defaultTimeoutMs: settings.timeoutMs,
    onDiagnostic: (m) => engineLog.warn(m),
  });
  applyEngineSettings(engine, settings);
  engineForShutdown = engine;
  engine.events.on((e) => {
    if (e.type === 'started' || e.type === 'completed' || e.type === 'cancelled') engineLog.info(`${e.type} ${e.taskId}`);
    if (e.type === 'failed') engineLog.warn(`failed ${e.taskId}: ${e.failure.code} ${e.failure.message}`);
  });

  const viewContext: TaskViewContext = {
    providerLabel: (id) => providers.label(id),
    redact: (text) => redactor.redact(text),
    safeLength: (text) => redactor.safeLength(text),
  };

  const tree = new TaskTreeProvider(engine, (id) => providers.label(id));
  // Queued tasks change without events (e.g. "waiting: provider unavailable, next probe in 12s").
  const refreshTree = coalescedCall(() => tree.refreshNow(), 250);
  const offTaskChange = engine.onTaskChange(refreshTree);
  const treeView = vscode.window.createTreeView(ViewId.tasks, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const updateBadge = (): void => {
    const running = engine.counts().running;
    treeView.badge = running > 0 ? { value: running, tooltip: `${running} running` } : undefined;
  };
  const offBadge = engine.events.on((e) => {
    if (e.type === 'started' || e.type === 'completed' || e.type === 'failed' || e.type === 'cancelled') updateBadge();
  });
  // After an extension host restart the workbench still shows the badge the old host set, and
  // setting `undefined` on a new view sends nothing: set a value first so the clear goes out.
  treeView.badge = { value: 0, tooltip: '' };
  updateBadge();

  const panel = new OutputPanel(context.extensionUri, engine, viewContext, log.child('panel'), {
    state: context.workspaceState,
    ...(recorders && { onPost: (m: HostMessage) => recorders.panelMessages.push(m) }),
  });
  const statusBar = new QueueStatusBar(engine);
  const readCurrent = (): Settings => settings;
  const history = new TaskHistory({
    engine,
    store: storage.store,
    clock,
    redact: (text) => redactor.redact(text),
    safeLength: (text) => redactor.safeLength(text),
    retention: () => settings.history,
    log: (m) => historyLog.info(m),
  });
  historyForShutdown = { history, storage };

  context.subscriptions.push(
    channel,
    tree,
    treeView,
    { dispose: offBadge },
    panel,
    statusBar,
    ...registerLaunchCommands({ engine, providers, settings: readCurrent, panel, catalog }),
    ...registerTaskActionCommands({ engine, panel }),
    registerTreeRowCommand({ tree, view: treeView, panel }),
    ...registerQueueCommands(engine),
    ...registerCancelAllCommand(engine),
    ...registerRetryWithModelCommand({ engine, providers, panel }),
    registerFailurePauseNotice(engine),
    refreshTree,
    { dispose: offTaskChange },
    ...registerKeyCommands(keys, providers, catalog),
    ...registerModelCommands(providers, catalog),
    ...registerBatchCommands({ engine, providers, settings: readCurrent, panel, catalog }),
    ...registerHistoryCommands({ engine, history }),
    ...registerFilterCommands(tree, treeView),
    ...registerStatisticsCommands(engine, tree, (id) => providers.label(id)),
    ...registerExportCommands({ engine, tree, view: treeView, redact: (text) => redactor.redact(text), providerLabel: (id) => providers.label(id) }),
    onSettingsChanged((affects) => {
      settings = readSettings();
      if (affects('concurrency')) engine.setConcurrency(settings.concurrency);
      if (affects('timeoutSeconds')) engine.setDefaultTimeoutMs(settings.timeoutMs);
      if (affects('providers') || affects('defaultProvider') || affects('maxOutputTokens')) {
        providers.rebuild(settings);
        catalog.invalidate();
      }
      if (affects('pricing')) priceBook = new PriceBook(settings.pricing);
      applyEngineSettings(engine, settings);
      if (affects('history')) history.applyRetention();
      log.info('settings changed');
    }),
    { dispose: () => engine.dispose() },
  );

  const simulated = providers.all().find((p) => p.simulated);
  if (simulated) log.warn(`offline simulator active: tasks run against ${simulated.label}, not a real model`);
  // Restored tasks must not start in a queue that was paused when the window closed.
  if (context.workspaceState.get<boolean>(StorageKey.queuePaused) === true) engine.pause();
  const offPausedState = engine.onQueueState((state) => void context.workspaceState.update(StorageKey.queuePaused, state.paused));
  context.subscriptions.push({ dispose: offPausedState });
  const opened = await history.open();
  panel.reconnect();
  announceHistory({ ...opened, warnings: storage.problem ? [storage.problem, ...opened.warnings] : opened.warnings }, history, settings.resumeInterruptedOnStartup, historyLog);
  log.info(`activated; default provider ${providers.defaultSelection().providerId}, concurrency ${settings.concurrency}`);
  const apiServices: ApiServices = { engine, defaultSelection: () => providers.defaultSelection(), defaultPriority: () => settings.defaultPriority, viewContext };
  if (!recorders) return createExtensionApi(apiServices);
  return createTestApi(apiServices, createTestApiServices({ tree, treeView, panel, keys, redact: (text) => redactor.redact(text), ...recorders }));
}

export function deactivate(): Promise<void> | undefined {
  // Save first, while running tasks are still "running" (they come back as interrupted); then abort
  // in-flight requests so sockets close within VS Code's shutdown window; then wait for the save.
  const shutdown = historyForShutdown;
  const saved = shutdown?.history.shutdown().then(() => shutdown.storage.close());
  engineForShutdown?.dispose();
  engineForShutdown = undefined;
  historyForShutdown = undefined;
  if (!saved) return undefined;
  return Promise.race([saved, new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_SAVE_LIMIT_MS).unref())]);
}
