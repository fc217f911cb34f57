// A batch or comparison as one tree row: its prompt, progress (done/total), failures and spend,
// expandable to its tasks. Its contextValue ("batch active retryable reviewable") lets menus offer
// Cancel, Retry Failed, Show Results and Review and Apply only where they do something.
import * as vscode from 'vscode';
import { batchProgress, type BatchSummary } from '../../core/results/batchSummary';
import { formatUsd } from '../../shared/formatUsd';
import { codeSpan, escapeMd } from './taskTreeItems';

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
  const what = s.kind === 'models' ? `${s.total} model${s.total === 1 ? '' : 's'}` : `${s.total} file${s.total === 1 ? '' : 's'}`;
  return `${what} · ${batchProgress(s, formatUsd)}`;
}

export function createBatchItem(s: BatchSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `batch:${s.batchId}`;
  item.description = batchDescription(s);
  item.iconPath = batchIcon(s);
  item.contextValue = batchContextValue(s);
  item.tooltip = batchTooltip(s);
  item.accessibilityInformation = { label: `${s.kind === 'models' ? 'Comparison' : 'Batch'} ${s.title}, ${batchDescription(s)}` };
  return item;
}

export function createBatchMoreItem(batchId: string, hidden: number, page: number): vscode.TreeItem {
  const item = new vscode.TreeItem(`Show ${Math.min(hidden, page).toLocaleString('en-US')} more…`, vscode.TreeItemCollapsibleState.None);
  item.id = `batch-more:${batchId}`;
  item.description = `${hidden.toLocaleString('en-US')} not shown; "Show Results" lists them all`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = { command: 'aiTaskQueue.showMoreBatchTasks', title: 'Show More', arguments: [batchId] };
  return item;
}

function batchTooltip(s: BatchSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  const kind = s.kind === 'models' ? `Comparison of ${s.total} models` : `Batch of ${s.total} files`;
  md.appendMarkdown(`**${kind}**\n\n`);
  const prompt = s.instruction.length > 400 ? `${s.instruction.slice(0, 399)}…` : s.instruction;
  md.appendMarkdown(`${escapeMd(prompt).replace(/\n/g, '  \n')}\n\n`);
  md.appendMarkdown(`Done ${s.done} of ${s.total}: ${s.completed} completed, ${s.failed} failed, ${s.cancelled} cancelled, ${s.running} running, ${s.queued} queued or waiting  \n`);
  md.appendMarkdown(`Spend: ${formatUsd(s.costUsd)}${s.costUnknown ? ' (some models have no known price)' : ''}  \n`);
  const models = [...new Set(s.members.map((t) => t.model))];
  md.appendMarkdown(`Model${models.length === 1 ? '' : 's'}: ${models.slice(0, 8).map(codeSpan).join(', ')}${models.length > 8 ? ', …' : ''}`);
  return md;
}
