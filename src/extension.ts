// Composition root: builds every service once, wires them together by constructor injection, and
// registers what VS Code needs. No other file reaches for globals.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { createSystemClock } from './core/domain/clock';
import { PriceBook } from './core/usage/priceBook';
import { TaskEngine } from './core/engine/taskEngine';
import type { AiTaskQueueApi, AiTaskQueueTestApi } from './api/extensionApi';
import { registerBatchCommands } from './commands/launch/batchCommands';
import { registerPromptFileCommands } from './commands/launch/promptFileCommands';
import { PromptFileDiagnostics } from './commands/launch/promptFileSource';
import { registerRateCommands } from './commands/tasks/rateCommands';
import { scoreOnFirstUse } from './core/quality/scoreOnFirstUse';
import { registerCancelAllCommand } from './commands/tasks/cancelAllCommand';
import { registerRetryWithModelCommand } from './commands/tasks/retryWithModelCommand';
import { applyEngineSettings } from './host/config/engineSettings';
import { registerFailurePauseNotice } from './views/status/failurePauseNotice';
import { registerKeyCommands } from './commands/setup/keyCommands';
import { registerModelCommands } from './commands/setup/modelCommands';
import { registerConnectCommand } from './commands/setup/connectProvider';
import { registerWalkthroughCommand } from './commands/setup/walkthroughCommand';
import { registerQueueCommands } from './commands/tasks/queueCommands';
import { registerLaunchCommands } from './commands/launch/launchCommands';
import { registerTaskActionCommands } from './commands/tasks/taskActionCommands';
import { registerTreeRowCommand } from './commands/tasks/treeRowCommand';
import { ContextKey, StorageKey, TEST_BATCH_POLL_MS_ENV, ViewId } from './shared/ids';
import { ApiKeyStore } from './host/secrets/apiKeyStore';
import { createExtensionApi, createTestApi, type ApiServices } from './api/extensionApiImpl';
import { createTestApiServices } from './api/testApiServices';
import { createTestHooks } from './api/testHooks';
import { createProviderBatchTestHooks } from './api/providerBatchTestHooks';
import { createLogger } from './host/logging/logger';
import { RecentItems } from './host/logging/recentItems';
import { ModelCatalog } from './host/providers/modelCatalog';
import { createProviderEntries } from './host/providers/providerFactory';
import { ProviderRegistry } from './host/providers/providerRegistry';
import { PROVIDER_PRESETS } from './providers/presets/providerPresets';
import { SecretRedactor } from './host/secrets/secretRedactor';
import { onSettingsChanged, readSettings, type Settings } from './host/config/settings';
import { SettingsProblemNotices } from './host/config/settingsProblemNotices';
import { QueueStatusBar } from './views/status/statusBar';
import { ResourcePressure } from './core/limits/resourcePressure';
import { startResourceMonitor } from './host/monitoring/resourceMonitor';
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
import { ResponseCache } from './core/cache/responseCache';
import { responseCacheKey } from './core/cache/responseCacheKey';
import { SpendLedger } from './core/usage/spendLedger';
import { CostEstimator } from './host/cost/costEstimator';
import { BudgetGuard } from './host/cost/budgetGuard';
import { ResponseCacheFile } from './persistence/responseCacheFile';
import { SpendLedgerFile } from './persistence/spendLedgerFile';
import type { RunConfirmationServices } from './commands/pickers/runConfirmation';
import type { ProviderBatches } from './core/batches/providerBatches';
import { createProviderBatches } from './host/batches/providerBatchService';
import { registerBatchEndNotice } from './host/batches/batchEndNotice';
import { registerProviderBatchCommands } from './commands/tasks/providerBatchCommands';
import type { RunLaunchServices } from './host/batches/launchRuns';
import { ProviderBatchSection } from './views/tree/providerBatchSection';
import { BatchIndex } from './core/results/batchIndex';
import { liveUsage } from './core/results/liveUsage';
import { SelectionTracker } from './host/results/selectionTracker';
import { ProposalDocuments } from './host/results/proposalDocuments';
import { LastEditor } from './host/results/lastEditor';
import { registerResultCommands } from './commands/results/resultCommands';
import { registerBatchResultCommands } from './commands/results/batchCommands';
import { registerBatchFinishNotice } from './views/status/batchFinishNotice';
import { ResultsPanels } from './views/results/resultsPanels';
import { TaskContextKeys } from './views/context/taskContextKeys';
import type { TaskTargets } from './commands/pickers/taskTargets';
import { logTaskLifecycle, taskRef } from './host/logging/taskLifecycleLog';
import { phraseId, verbatim } from './core/domain/phrase';
import { phraseText } from './views/format/phraseText';

let engineForShutdown: TaskEngine | undefined;
let historyForShutdown: { readonly history: TaskHistory; readonly storage: HistoryStorage } | undefined;
let batchesForShutdown: ProviderBatches | undefined;
/** Saves the response cache now; set once the history folder is known. */
let saveCacheForShutdown: (() => Promise<void>) | undefined;
/** The response cache is saved this long after its last change. */
const CACHE_SAVE_DELAY_MS = 2_000;
/** VS Code gives deactivate about 5 s in total; saving the history must fit well inside it. */
const SHUTDOWN_SAVE_LIMIT_MS = 900;

export async function activate(context: vscode.ExtensionContext): Promise<AiTaskQueueApi | AiTaskQueueTestApi> {
  // Code that also runs in plain Node (src/views/format, ...) translates through @vscode/l10n: it
  // reads the same bundle VS Code picked for the display language (none for English).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const redactor = new SecretRedactor();
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('AI Task Queue'), { log: true });
  // What only the test API reads exists only in test mode: a user's window records nothing.
  const recorders = context.extensionMode === vscode.ExtensionMode.Test ? { logLines: new RecentItems<string>(2_000), panelMessages: new RecentItems<HostMessage>(10_000) } : undefined;
  const log = createLogger(channel, redactor, recorders?.logLines);
  const keys = new ApiKeyStore(context.secrets, redactor);
  void keys.warmUp(PROVIDER_PRESETS.map((p) => p.id)).catch((error: unknown) => log.error('could not read stored keys', error));
  const settingsLog = log.child('settings');
  const settingsNotices = new SettingsProblemNotices((message) => {
    settingsLog.warn(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0}', message));
  });
  const readCheckedSettings = (): Settings => {
    const { settings: read, problems } = readSettings();
    settingsNotices.report(problems);
    return read;
  };
  let settings: Settings = readCheckedSettings();
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
  let scheduleCacheSave = (): void => undefined;
  const responseCache = new ResponseCache({
    clock,
    settings: () => settings.responseCache,
    // Keyed by what shapes the answer; never by a key (keys stay in SecretStorage and out of this hash).
    keyOf: (r) => {
      const entry = providers.entry(r.providerId);
      if (!entry || entry.simulated) return undefined;
      return responseCacheKey({ providerId: r.providerId, endpoint: entry.endpoint, model: r.model, prompt: r.prompt, ...(r.systemPrompt !== undefined && { systemPrompt: r.systemPrompt }), parameters: { maxOutputTokens: r.maxOutputTokens ?? settings.maxOutputTokens } });
    },
    isSafe: (text) => redactor.redact(text) === text,
    onChange: () => scheduleCacheSave(),
  });
  const engine = new TaskEngine({
    responseCache,
    clock,
    newId: randomUUID,
    providers: (id) => providers.get(id),
    priceBook: () => priceBook,
    concurrency: settings.concurrency,
    defaultTimeoutMs: settings.timeoutMs,
    onDiagnostic: (m) => engineLog.warn(m),
    onTaskLog: (entry) => engineLog[entry.level](`${taskRef(entry.taskId, entry.attempt)}: ${phraseText(entry.message)}`),
    scoreOutput: scoreOnFirstUse,
  });
  applyEngineSettings(engine, settings);
  engineForShutdown = engine;
  logTaskLifecycle(engine, engineLog);
  const readCurrent = (): Settings => settings;
  const history = new TaskHistory({
    engine,
    store: storage.store,
    clock,
    redact: (text) => redactor.redact(text),
    safeLength: (text) => redactor.safeLength(text),
    retention: () => settings.history,
    log: (m) => historyLog.info(m),
    words: phraseText, // writes the marker that ends an output the store cut
  });
  historyForShutdown = { history, storage };
  // Provider batch jobs are kept next to the history (same folder, same one-window lock).
  const providerBatches = createProviderBatches({
    engine,
    clock,
    settings: readCurrent,
    keys,
    directory: storage.store ? storage.directory : undefined,
    flushTasks: () => history.flush(),
    log: log.child('batches'),
    ...(context.extensionMode === vscode.ExtensionMode.Test && Number(process.env[TEST_BATCH_POLL_MS_ENV]) > 0 && { testPollMs: Number(process.env[TEST_BATCH_POLL_MS_ENV]) }),
  });
  batchesForShutdown = providerBatches;

  const viewContext: TaskViewContext = {
    providerLabel: (id) => providers.label(id),
    redact: (text) => redactor.redact(text),
    safeLength: (text) => redactor.safeLength(text),
    liveUsage: (task) => liveUsage(task, priceBook, providers.get(task.providerId)?.local ?? false),
  };

  // Under resource pressure the views update five times less often and no task starts.
  let uiPace = 1;
  const pace = (): number => uiPace;
  const batchSection = new ProviderBatchSection(providerBatches, engine);
  const batches = new BatchIndex(engine);
  const tree = new TaskTreeProvider(engine, (id) => providers.label(id), batches, settings.treeGroupBy, (task) => viewContext.liveUsage?.(task), pace, batchSection);
  const syncGrouping = (): Thenable<unknown> => vscode.commands.executeCommand('setContext', ContextKey.groupByBatch, tree.groupedBy === 'batch');
  void syncGrouping();
  const treeView = vscode.window.createTreeView(ViewId.tasks, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  // The badge counts what is on the wire or between attempts, never what waits for its provider.
  // Counts are kept per change, so reading them per event is cheap; the badge itself changes at most every 250 ms.
  let badgeTimer: NodeJS.Timeout | undefined;
  const updateBadge = (): void => {
    badgeTimer = undefined;
    const running = engine.counts().running;
    treeView.badge = running > 0 ? { value: running, tooltip: vscode.l10n.t('{0} running', running) } : undefined;
  };
  const offBadgeEvents = engine.events.on(() => (badgeTimer ??= setTimeout(updateBadge, 250)));
  const offBadgeChanges = engine.onTaskChange(() => (badgeTimer ??= setTimeout(updateBadge, 250)));
  const offBadge = (): void => {
    offBadgeEvents();
    offBadgeChanges();
    if (badgeTimer) clearTimeout(badgeTimer);
  };
  // After an extension host restart the workbench still shows the badge the old host set, and
  // setting `undefined` on a new view sends nothing: set a value first so the clear goes out.
  treeView.badge = { value: 0, tooltip: '' };
  updateBadge();

  engine.events.on((e) => {
    if (e.type === 'completed') responseCache.store(engine.get(e.taskId)!);
  });
  const budgetGuard = new BudgetGuard({
    engine,
    ledger: new SpendLedger(),
    file: context.globalStorageUri.scheme === 'file' ? new SpendLedgerFile({ directory: vscode.Uri.joinPath(context.globalStorageUri, 'spend').fsPath, windowId: randomUUID() }) : undefined,
    settings: () => settings,
    log: log.child('budget'),
  });
  const estimator = new CostEstimator({ providers, priceBook: () => priceBook, settings: () => settings, cache: responseCache, log: log.child('cost') });
  const confirmation: RunConfirmationServices = {
    estimator,
    settings: () => settings,
    priceBook: () => priceBook,
    catalog,
    budgetRooms: (batch) => budgetGuard.monitor.rooms(batch),
    providerBatches: {
      label: (providerId) => providerBatches.label(providerId),
      parts: (providerId, runs) => {
        const plan = providerBatches.plan(providerId, runs);
        return plan && { parts: plan.parts.length, oversized: plan.oversized.length };
      },
    },
  };
  const launch: RunLaunchServices = { engine, batches: providerBatches, isCached: (input) => estimator.isCached(input) };

  const panel = new OutputPanel(context.extensionUri, engine, viewContext, log.child('panel'), {
    state: context.workspaceState,
    pace,
    ...(recorders && { onPost: (m: HostMessage) => recorders.panelMessages.push(m) }),
  });
  const results = new ResultsPanels({ extensionUri: context.extensionUri, engine, batches, viewContext, log: log.child('results'), showTask: (id) => panel.show(id) });
  const contextKeys = new TaskContextKeys({ engine, batches, view: treeView, panelTaskId: () => panel.openTaskId, onPanelTaskChange: panel.onDidChangeShownTask });
  const targets: TaskTargets = { selectedTaskIds: () => contextKeys.selectedTasks().map((t) => t.id), panelTaskId: () => panel.openTaskId };
  const resultServices = { engine, panel, tracker: new SelectionTracker(engine), proposals: new ProposalDocuments(), lastEditor: new LastEditor() };
  const statusBar = new QueueStatusBar(engine, budgetGuard, pace);
  const pressure = new ResourcePressure();
  const monitor = startResourceMonitor((sample) => {
    const changed = pressure.observe(sample);
    if (!changed) return;
    uiPace = changed.underPressure ? 5 : 1;
    engine.setThrottled(changed.reason);
    if (changed.underPressure) engineLog.warn(`the extension host is under pressure (${changed.reason && phraseText(changed.reason)}): no new task starts, views update less often`);
    else engineLog.info('the extension host recovered: tasks start again');
  });
  if (storage.store && storage.directory) {
    // Stored with the history: same folder, same one-window lock.
    const cacheFile = new ResponseCacheFile(storage.directory);
    const loaded = responseCache.restore(await cacheFile.load());
    if (loaded > 0) historyLog.info(`response cache: ${loaded} answer(s) loaded`);
    let cacheTimer: NodeJS.Timeout | undefined;
    const saveNow = (): Promise<void> => {
      if (cacheTimer) clearTimeout(cacheTimer);
      cacheTimer = undefined;
      return cacheFile.save(responseCache.snapshot()).catch((error: unknown) => historyLog.error('could not save the response cache', error));
    };
    scheduleCacheSave = () => {
      if (cacheTimer) clearTimeout(cacheTimer);
      cacheTimer = setTimeout(() => void saveNow(), CACHE_SAVE_DELAY_MS);
      cacheTimer.unref?.();
    };
    saveCacheForShutdown = saveNow;
  }

  const promptFileDiagnostics = new PromptFileDiagnostics();
  context.subscriptions.push(
    channel,
    tree,
    treeView,
    { dispose: offBadge },
    panel,
    budgetGuard,
    statusBar,
    monitor,
    ...registerLaunchCommands({ engine, providers, settings: readCurrent, panel, catalog, estimator, confirmation }),
    contextKeys,
    ...registerTaskActionCommands({ engine, panel, confirmation, targets }),
    promptFileDiagnostics,
    ...registerPromptFileCommands({ engine, providers, settings: readCurrent, panel, confirmation, diagnostics: promptFileDiagnostics, catalog, showResults: (id) => results.show(id), launch }),
    ...registerRateCommands(engine),
    registerTreeRowCommand({ tree, view: treeView, panel }),
    ...registerQueueCommands(engine),
    ...registerCancelAllCommand(engine),
    ...registerRetryWithModelCommand({ engine, providers, panel, confirmation }),
    registerFailurePauseNotice(engine),
    ...registerKeyCommands(keys, providers, catalog),
    ...registerModelCommands(providers, catalog),
    registerConnectCommand({ providers, catalog, keys }),
    registerWalkthroughCommand(context.extension.id),
    ...registerBatchCommands({ engine, providers, settings: readCurrent, panel, catalog, estimator, confirmation, launch, showResults: (id) => results.show(id) }),
    ...registerProviderBatchCommands({ batches: providerBatches, engine, confirmation }),
    registerBatchEndNotice(providerBatches, engine),
    ...registerHistoryCommands({ engine, history, targets }),
    ...registerFilterCommands(tree, treeView),
    ...registerStatisticsCommands(engine, tree, (id) => providers.label(id), { budgets: budgetGuard, priceBook: () => priceBook, pricingScope: () => settings.pricingScope, batchLimitUsd: () => settings.budgets.batchUsd }),
    ...registerExportCommands({ engine, tree, view: treeView, redact: (text) => redactor.redact(text), providerLabel: (id) => providers.label(id) }),
    results,
    resultServices.tracker,
    resultServices.proposals,
    resultServices.lastEditor,
    { dispose: () => batches.dispose() },
    ...registerResultCommands(resultServices),
    ...registerBatchResultCommands({ engine, batches, tree, showResults: (id) => results.show(id), log: log.child('results') }),
    registerBatchFinishNotice(batches, (text) => log.info(text)),
    onSettingsChanged((affects) => {
      settings = readCheckedSettings();
      if (affects('concurrency')) engine.setConcurrency(settings.concurrency);
      if (affects('timeoutSeconds')) engine.setDefaultTimeoutMs(settings.timeoutMs);
      if (affects('providers') || affects('defaultProvider') || affects('maxOutputTokens')) {
        providers.rebuild(settings);
        catalog.invalidate();
      }
      if (affects('pricing')) priceBook = new PriceBook(settings.pricing);
      if (affects('budget')) budgetGuard.recheck();
      if (affects('cache.enabled') && !settings.responseCache.enabled) responseCache.clear();
      applyEngineSettings(engine, settings);
      if (affects('history')) history.applyRetention();
      if (affects('tree')) {
        tree.setGrouping(settings.treeGroupBy);
        void syncGrouping();
      }
      log.info('settings changed');
    }),
    { dispose: () => engine.dispose() },
  );

  const simulated = providers.all().find((p) => p.simulated);
  if (simulated) log.warn(`offline simulator active: tasks run against ${simulated.label}, not a real model`);
  // Restored tasks must not start in a queue that was paused when the window closed.
  if (context.workspaceState.get<boolean>(StorageKey.queuePaused) === true) engine.pause(verbatim(vscode.l10n.t('it was paused when the window closed')));
  const offPausedState = engine.onQueueState((state) => void context.workspaceState.update(StorageKey.queuePaused, state.paused));
  context.subscriptions.push({ dispose: offPausedState });
  // Today's spend from earlier sessions and other windows, before restored tasks can start.
  await budgetGuard.start();
  const opened = await history.open();
  panel.reconnect();
  announceHistory({ ...opened, warnings: storage.problem ? [storage.problem, ...opened.warnings] : opened.warnings }, history, settings.resumeInterruptedOnStartup, historyLog);
  // After the history: the tasks waiting at a provider are back, so their jobs can pick up where they were.
  for (const warning of await providerBatches.open()) {
    historyLog.warn(phraseId(warning));
    void vscode.window.showWarningMessage(vscode.l10n.t('AI Task Queue: {0}', phraseText(warning)));
  }
  log.info(`activated; default provider ${providers.defaultSelection().providerId}, concurrency ${settings.concurrency}`);
  const apiServices: ApiServices = { engine, defaultSelection: () => providers.defaultSelection(), defaultPriority: () => settings.defaultPriority, viewContext };
  if (!recorders) return createExtensionApi(apiServices);
  return createTestApi(
    apiServices,
    createTestApiServices({
      tree,
      treeView,
      panel,
      keys,
      redact: (text) => redactor.redact(text),
      ...recorders,
      testing: createTestHooks({ engine, providers, batches, results }),
      providerBatches: createProviderBatchTestHooks({ batches: providerBatches, launch, section: batchSection }),
    }),
  );
}

export function deactivate(): Promise<void> | undefined {
  // Save first, while running tasks are still "running" (they come back as interrupted); then abort
  // in-flight requests so sockets close within VS Code's shutdown window; then wait for the save.
  const shutdown = historyForShutdown;
  const cacheSaved = saveCacheForShutdown?.();
  saveCacheForShutdown = undefined;
  // Provider batch jobs are saved on every change; disposing stops their timers and requests and saves once more.
  const batchesSaved = batchesForShutdown?.dispose();
  batchesForShutdown = undefined;
  const saved = shutdown?.history.shutdown().then(async () => {
    await cacheSaved;
    await batchesSaved;
    await shutdown.storage.close();
  });
  engineForShutdown?.dispose();
  engineForShutdown = undefined;
  historyForShutdown = undefined;
  if (!saved) return undefined;
  return Promise.race([saved, new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_SAVE_LIMIT_MS).unref())]);
}
