// Tree items describe themselves: label, description (duration, tokens, cost), markdown tooltip,
// a codicon per status, and a contextValue ("task.running") that menus match for inline actions.
import { workflowProgress } from '../../core/domain/workflowStep';
import * as vscode from 'vscode';
import { analyzeFailure } from '../../core/reports/failureAnalysis';
import type { Task } from '../../core/domain/taskModel';
import { CommandId } from '../../shared/ids';
import type { TaskStatus } from '../../shared/taskVocabulary';
import { isInterrupted } from '../../core/domain/interruptedTask';
import { describeTask, formatCost, formatDuration, formatTokens, describeCached } from '../format/taskFormat';
import type { ProviderBatchNode } from './providerBatchSection';
import { describeSource } from '../../core/domain/taskSource';
import type { LiveUsage } from '../../core/results/liveUsage';
import { taskAccessibleLabel } from '../format/accessibleText';
import { priorityPhrase } from '../format/priorityText';
import { distinctSentences } from '../format/distinctSentences';
import { formatTimestamp } from '../format/timestampText';
import { phraseText } from '../format/phraseText';
import { failureReasonText, failureRemediationText } from '../format/failureText';

export const GROUP_LABELS: Readonly<Record<TaskStatus, string>> = {
  queued: vscode.l10n.t('Queued'),
  waiting: vscode.l10n.t('Waiting for Provider'),
  running: vscode.l10n.t('Running'),
  completed: vscode.l10n.t('Completed'),
  failed: vscode.l10n.t('Failed'),
  cancelled: vscode.l10n.t('Cancelled'),
};

const STATUS_ICONS: Readonly<Record<TaskStatus, vscode.ThemeIcon>> = {
  queued: new vscode.ThemeIcon('clock'),
  waiting: new vscode.ThemeIcon('watch'),
  running: new vscode.ThemeIcon('loading~spin'),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
};

export type TaskTreeNode =
  | { readonly kind: 'group'; readonly status: TaskStatus }
  | { readonly kind: 'task'; readonly taskId: string }
  /** The last row of a long group: shows the next page of its tasks. */
  | { readonly kind: 'more'; readonly status: TaskStatus }
  /** A batch or comparison, expandable to its tasks. */
  | { readonly kind: 'batch'; readonly batchId: string }
  | { readonly kind: 'batchMore'; readonly batchId: string }
  /** The "Provider Batches" group, its jobs and their provider batches (providerBatchSection.ts). */
  | ProviderBatchNode;

/** How a task row reads inside a batch: named by what differs (the file, the model). */
export interface TaskRowOptions {
  readonly label?: string;
  /** Put before the figures, e.g. the batch's prompt when the row is not under its batch. */
  readonly prefix?: string;
  readonly omitModel?: boolean;
  /** Usage counted while streaming (an estimate). */
  readonly live?: LiveUsage;
}

/** "task.completed", or "task.completed.selection" / "task.completed.file" for a task with a source. */
export function taskContextValue(task: Task): string {
  return task.source ? `task.${task.status}.${task.source.kind}` : `task.${task.status}`;
}

/** Interrupted tasks (failed with INTERRUPTED) look different from model failures: nothing went wrong with the request. */
const INTERRUPTED_ICON = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'));

export function groupLabel(status: TaskStatus, count: number): string {
  return `${GROUP_LABELS[status]} (${count})`;
}

/**
 * A status group. `pausedBecause` is set on the Queued group while the queue is paused: the row
 * then says so, and why, right where the waiting tasks are.
 */
export function createGroupItem(status: TaskStatus, count: number, pausedBecause?: string): vscode.TreeItem {
  const collapsed = status === 'cancelled' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(groupLabel(status, count), collapsed);
  item.id = `group:${status}`;
  item.contextValue = `group.${status}`;
  item.iconPath = STATUS_ICONS[status];
  const tasks = count === 1 ? vscode.l10n.t('1 task') : vscode.l10n.t('{0} tasks', count);
  if (status === 'queued' && pausedBecause !== undefined) {
    item.iconPath = PAUSED_ICON;
    item.description = vscode.l10n.t('paused: {0}', pausedBecause);
    item.tooltip = vscode.l10n.t("The queue is paused: {0}. Queued tasks start when you resume it (Resume Queue in the view's toolbar).", pausedBecause);
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}, paused: {2}', GROUP_LABELS[status], tasks, pausedBecause) };
  } else item.accessibilityInformation = { label: `${GROUP_LABELS[status]}, ${tasks}` };
  return item;
}

const PAUSED_ICON = new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('list.warningForeground'));

export function createTaskItem(task: Task, now: number, providerLabel: string, row: TaskRowOptions = {}): vscode.TreeItem {
  const label = row.label ?? task.title;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = task.id;
  const figures = describeTask(task, now, { omitModel: row.omitModel ?? false, ...(row.live && { live: row.live }) });
  item.description = row.prefix ? [row.prefix, figures].filter(Boolean).join(' · ') : figures;
  item.iconPath = isInterrupted(task) ? INTERRUPTED_ICON : STATUS_ICONS[task.status];
  item.contextValue = taskContextValue(task);
  item.tooltip = taskTooltip(task, now, providerLabel);
  // No arguments, so VS Code passes the id as it is. A command with arguments is swapped for a
  // per-render delegate that dies when the row re-renders (every 150 ms while a task streams), and
  // a click landing between the two failed with "Actual command not found … aiTaskQueue.showOutput".
  // The row is selected before its command runs, so the command reads the selection instead.
  item.command = { command: CommandId.openTreeRow, title: vscode.l10n.t('Show Task Output') };
  item.accessibilityInformation = { label: taskAccessibleLabel(task, label, providerLabel) };
  return item;
}

export function createMoreItem(status: TaskStatus, hidden: number, page: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', Math.min(hidden, page).toLocaleString('en-US')), vscode.TreeItemCollapsibleState.None);
  item.id = `more:${status}`;
  item.description = vscode.l10n.t('{0} not shown; "Filter Tasks…" finds older ones', hidden.toLocaleString('en-US'));
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = { command: CommandId.openTreeRow, title: vscode.l10n.t('Show More Tasks') };
  return item;
}

function taskTooltip(task: Task, now: number, providerLabel: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMd(task.title)}** — $(${STATUS_ICONS[task.status].id.replace('~spin', '')}) ${GROUP_LABELS[task.status]}\n\n`);
  md.appendMarkdown(`${vscode.l10n.t('{0} · {1} · {2}', escapeMd(providerLabel), codeSpan(task.model), priorityPhrase(task.priority))}\n\n`);
  if (task.source) md.appendMarkdown(`${vscode.l10n.t('From {0}', codeSpan(describeSource(task.source)))}\n\n`);
  if (task.startedAt !== undefined) md.appendMarkdown(`${vscode.l10n.t('Duration: {0}', formatDuration((task.finishedAt ?? now) - task.startedAt))}  \n`);
  if (task.timeoutMs !== undefined) md.appendMarkdown(`${vscode.l10n.t("Time limit: {0} s (this task's own)", Math.round(task.timeoutMs / 1000))}  \n`);
  const tokens = formatTokens(task);
  if (tokens) md.appendMarkdown(`${vscode.l10n.t('Tokens: {0}', tokens)}  \n`);
  const cost = formatCost(task.costUsd);
  if (cost) md.appendMarkdown(`${vscode.l10n.t('Cost: {0}', cost)}  \n`);
  const cached = describeCached(task);
  if (cached && task.cached) md.appendMarkdown(`\n${vscode.l10n.t('{0}: the answer stored {1} for the same request; nothing was sent. **Run Fresh** sends it again.', cached, formatTimestamp(task.cached.storedAt))}  \n`);
  appendWorkflow(md, task);
  appendQuality(md, task);
  if (task.error && task.status === 'failed') {
    // The message, the class's advice and the next step often say the same thing in other words
    // ("…; the partial output was kept."): each sentence is shown once, the next step first.
    const analysis = analyzeFailure(task);
    const reason = failureReasonText(task.error);
    const advice = failureRemediationText(task.error);
    // The analysis names a next step of its own for some classes; for the rest, the class's advice is it.
    const next = analysis ? (analysis.nextStep ? phraseText(analysis.nextStep) : advice) : '';
    const [nextStep, remediation] = distinctSentences([next, advice], reason);
    md.appendMarkdown(`\n**${task.error.code}**: ${escapeMd(reason)}`);
    if (remediation) md.appendMarkdown(`\n\n_${escapeMd(remediation)}_`);
    if (analysis) {
      const status = analysis.lastStatus !== undefined ? ` · ${vscode.l10n.t('Last HTTP status: {0}', analysis.lastStatus)}` : '';
      md.appendMarkdown(`\n\n${vscode.l10n.t('Attempts: {0}{1} · Time lost: {2}', analysis.attempts, status, formatDuration(analysis.timeLostMs))}`);
      if (nextStep) md.appendMarkdown(`\n\n${vscode.l10n.t('**Next step:** {0}', escapeMd(nextStep))}`);
    }
  }
  return md;
}

/** The steps of a workflow, one line each, and how far it got (0–1 as a percentage). */
function appendWorkflow(md: vscode.MarkdownString, task: Task): void {
  if (!task.steps) return;
  md.appendMarkdown(`\n${vscode.l10n.t('Workflow: {0} % ({1} of {2} steps)', Math.round(workflowProgress(task.steps) * 100), task.steps.filter((s) => s.status === 'completed').length, task.steps.length)}  \n`);
  task.steps.forEach((s, i) => {
    const cost = formatCost(s.costUsd);
    md.appendMarkdown(`${i + 1}. ${escapeMd(s.name)} — ${s.status}${s.carried ? ` ${vscode.l10n.t('(reused)')}` : ''}${cost ? ` · ${cost}` : ''}  \n`);
  });
}

/** The score with each failed check, the rating, and the prompt file (with its version). */
function appendQuality(md: vscode.MarkdownString, task: Task): void {
  if (task.promptFile) md.appendMarkdown(`\n${vscode.l10n.t('Prompt file: {0} (version {1})', codeSpan(task.promptFile.path), codeSpan(task.promptFile.version))}  \n`);
  if (task.quality) {
    md.appendMarkdown(`\n${vscode.l10n.t('Score: {0} % — {1} of {2} checks passed', Math.round(task.quality.score * 100), task.quality.passed, task.quality.total)}  \n`);
    for (const f of task.quality.failed) md.appendMarkdown(`$(close) ${escapeMd(phraseText(f.check))}: ${escapeMd(phraseText(f.reason))}  \n`);
  }
  if (task.rating) md.appendMarkdown(`${vscode.l10n.t('Rated: {0}', task.rating === 'up' ? `$(thumbsup) ${vscode.l10n.t('good')}` : `$(thumbsdown) ${vscode.l10n.t('bad')}`)}  \n`);
}

/**
 * Text in a code span, shown verbatim. Backslash escapes do not work inside code spans (CommonMark),
 * so escapeMd there would show its backslashes ("gpt\-4o"); a fence longer than any run of
 * backticks in the text keeps it closed instead.
 */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
