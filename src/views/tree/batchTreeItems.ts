// A batch or comparison as one tree row: its prompt, progress (done/total), failures and spend,
// expandable to its tasks. Its contextValue ("batch active retryable reviewable") lets menus offer
// Cancel, Retry Failed, Show Results and Review and Apply only where they do something.
import * as vscode from 'vscode';
import { batchProgress, type BatchSummary } from '../../core/results/batchSummary';
import { formatUsd } from '../../shared/formatUsd';
import { codeSpan, escapeMd } from './taskTreeItems';
import { phraseText } from '../format/phraseText';

export function batchContextValue(s: BatchSummary): string {
  return [
    'batch',
    s.active ? 'active' : 'done',
    s.failed + s.cancelled > 0 ? 'retryable' : '',
    s.kind === 'files' && s.completed > 0 ? 'reviewable' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function batchIcon(s: BatchSummary): vscode.ThemeIcon {
  if (s.active) return new vscode.ThemeIcon('loading~spin');
  if (s.failed > 0) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (s.completed === 0) return new vscode.ThemeIcon('circle-slash');
  return new vscode.ThemeIcon(s.kind === 'models' ? 'split-horizontal' : 'layers', new vscode.ThemeColor('testing.iconPassed'));
}

/** "113 files · 87/113 done · 2 failed · $0.41" */
export function batchDescription(s: BatchSummary): string {
  const one = s.total === 1;
  const what = s.kind === 'models' ? (one ? vscode.l10n.t('1 model') : vscode.l10n.t('{0} models', s.total)) : one ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', s.total);
  return `${what} · ${batchProgress(s, formatUsd, phraseText)}`;
}

export function createBatchItem(s: BatchSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `batch:${s.batchId}`;
  item.description = batchDescription(s);
  item.iconPath = batchIcon(s);
  item.contextValue = batchContextValue(s);
  item.tooltip = batchTooltip(s);
  item.accessibilityInformation = { label: `${s.kind === 'models' ? vscode.l10n.t('Comparison') : vscode.l10n.t('Batch')} ${s.title}, ${batchDescription(s)}` };
  return item;
}

export function createBatchMoreItem(batchId: string, hidden: number, page: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', Math.min(hidden, page).toLocaleString('en-US')), vscode.TreeItemCollapsibleState.None);
  item.id = `batch-more:${batchId}`;
  item.description = vscode.l10n.t('{0} not shown; "Show Results" lists them all', hidden.toLocaleString('en-US'));
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = { command: 'aiTaskQueue.showMoreBatchTasks', title: vscode.l10n.t('Show More'), arguments: [batchId] };
  return item;
}

function batchTooltip(s: BatchSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  const kind = s.kind === 'models' ? vscode.l10n.t('Comparison of {0} models', s.total) : vscode.l10n.t('Batch of {0} files', s.total);
  md.appendMarkdown(`**${kind}**\n\n`);
  const prompt = s.instruction.length > 400 ? `${s.instruction.slice(0, 399)}…` : s.instruction;
  md.appendMarkdown(`${escapeMd(prompt).replace(/\n/g, '  \n')}\n\n`);
  md.appendMarkdown(vscode.l10n.t('Done {0} of {1}: {2} completed, {3} failed, {4} cancelled, {5} running, {6} queued or waiting  \n', s.done, s.total, s.completed, s.failed, s.cancelled, s.running, s.queued));
  md.appendMarkdown(vscode.l10n.t('Spend: {0}{1}  \n', formatUsd(s.costUsd), s.costUnknown ? vscode.l10n.t(' (some models have no known price)') : ''));
  const models = [...new Set(s.members.map((t) => t.model))];
  const list = `${models.slice(0, 8).map(codeSpan).join(', ')}${models.length > 8 ? ', …' : ''}`;
  md.appendMarkdown(models.length === 1 ? vscode.l10n.t('Model: {0}', list) : vscode.l10n.t('Models: {0}', list));
  return md;
}
