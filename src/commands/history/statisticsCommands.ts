// "Show Statistics": the numbers over the whole history, or over the tasks the tree's filter
// shows, in a Markdown preview of a read-only virtual document.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { computeStatistics } from '../../core/reports/taskStatistics';
import { renderStatisticsMarkdown } from '../../views/statistics/statisticsMarkdown';
import { StatisticsDocument, STATISTICS_URI } from '../../views/statistics/statisticsDocument';
import type { TaskTreeProvider } from '../../views/tree/taskTreeProvider';
import { CommandId, STATISTICS_SCHEME } from '../../shared/ids';
import { computeSpend } from '../../core/reports/spendStatistics';
import type { BudgetWindowStatus } from '../../core/usage/budgetMonitor';
import type { PriceBook } from '../../core/usage/priceBook';
import type { SpendTotal } from '../../core/usage/spendLedger';
import { formatTimestamp } from '../../views/format/timestampText';

/** Spend the statistics show against budgets, and which prices are overrides. */
export interface StatisticsSpendSource {
  readonly budgets: { statuses(): readonly BudgetWindowStatus[]; month(): SpendTotal };
  readonly priceBook: () => PriceBook;
  readonly pricingScope: () => 'none' | 'user' | 'workspace';
  readonly batchLimitUsd: () => number | undefined;
}

const STATISTICS_REFRESH_MS = 1_000;

export function registerStatisticsCommands(engine: TaskEngine, tree: TaskTreeProvider, providerLabel: (id: string) => string, spend?: StatisticsSpendSource): vscode.Disposable[] {
  const render = (): string => {
    const filter = tree.filterText;
    const tasks = filter ? tree.visibleTasks() : engine.list();
    const stats = computeStatistics(tasks, { utcOffsetMinutes: -new Date().getTimezoneOffset() });
    const book = spend?.priceBook();
    const spendHeader = spend && {
      spend: computeSpend(tasks),
      budgets: spend.budgets.statuses(),
      month: spend.budgets.month(),
      batchLimitUsd: spend.batchLimitUsd(),
      priceOverridden: (model: string) => book?.priceSource(model) === 'override',
      pricingScope: spend.pricingScope(),
    };
    return renderStatisticsMarkdown(stats, { generatedAt: formatTimestamp(Date.now()), providerLabel, ...(filter && { filter }), ...(spendHeader && { spend: spendHeader }) });
  };
  const document = new StatisticsDocument(render);
  // An open statistics preview follows the tasks: re-rendered at most once a second after a task
  // ends, is removed or comes back, only while the document is open.
  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = (): void => {
    if (timer || !vscode.workspace.textDocuments.some((d) => d.uri.toString() === STATISTICS_URI.toString())) return;
    timer = setTimeout(() => {
      timer = undefined;
      document.refresh();
    }, STATISTICS_REFRESH_MS);
  };
  const offEvents = engine.events.on((e) => {
    if (e.type === 'completed' || e.type === 'failed' || e.type === 'cancelled' || e.type === 'queued') refreshSoon();
  });
  const offHistory = engine.onHistoryChange(refreshSoon);
  return [
    {
      dispose: () => {
        offEvents();
        offHistory();
        if (timer) clearTimeout(timer);
      },
    },
    document,
    vscode.workspace.registerTextDocumentContentProvider(STATISTICS_SCHEME, document),
    vscode.commands.registerCommand(CommandId.showStatistics, async () => {
      document.refresh();
      try {
        await vscode.commands.executeCommand('markdown.showPreview', STATISTICS_URI);
      } catch {
        // No Markdown preview (the built-in extension disabled): the Markdown text itself is readable.
        const doc = await vscode.workspace.openTextDocument(STATISTICS_URI);
        await vscode.window.showTextDocument(doc, { preview: true });
      }
      return render();
    }),
  ];
}
