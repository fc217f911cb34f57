// What a screen reader is told about a task row and the status bar. Each is a plain sentence with
// no codicon names and no Markdown, and holds nothing that changes every second (a countdown, a
// running clock, tokens counted up while streaming): a focused row whose label changes is read
// out again, so only a change of state should change it.
import * as l10n from '@vscode/l10n';
import type { Task } from '../../core/domain/taskModel';
import { isTerminal } from '../../core/domain/taskModel';
import { formatUsd } from '../../shared/formatUsd';
import type { TaskStatus } from '../../shared/taskVocabulary';
import { failureClassName } from './failureText';
import { steadyPhraseText } from './phraseText';
import { priorityPhrase } from './priorityText';

// A function, not a table built at load: @vscode/l10n gets the bundle in activate(), after this module loads.
export function statusWord(status: TaskStatus): string {
  switch (status) {
    case 'queued':
      return l10n.t('queued');
    case 'waiting':
      return l10n.t('waiting for provider');
    case 'running':
      return l10n.t('running');
    case 'completed':
      return l10n.t('completed');
    case 'failed':
      return l10n.t('failed');
    case 'cancelled':
      return l10n.t('cancelled');
  }
}

/** "Explain the diff, failed, network error, OpenAI model gpt-4o, cost $0.0012". */
export function taskAccessibleLabel(task: Task, label: string, providerLabel: string): string {
  const parts = [label, statusWord(task.status)];
  if (task.status === 'failed' && task.error) parts.push(failureClassName(task.error.code));
  if (task.statusDetail) parts.push(steadyPhraseText(task.statusDetail));
  if (task.status === 'queued' && task.priority !== 'normal') parts.push(priorityPhrase(task.priority));
  parts.push(l10n.t('{0} model {1}', providerLabel, task.model));
  if (task.cached) parts.push(l10n.t('answered from the response cache'));
  // The cost is only final at the end; while streaming it is counted up and would change the label.
  if (isTerminal(task.status) && task.costUsd !== undefined) parts.push(task.costUsd === null ? l10n.t('price unknown') : task.costUsd === 0 ? l10n.t('free') : l10n.t('cost {0}', formatUsd(task.costUsd)));
  return parts.join(', ');
}

export interface QueueCountsText {
  readonly running: number;
  readonly waiting: number;
  readonly queued: number;
  readonly paused: boolean;
  readonly pauseReason?: string;
  readonly throttled?: string;
  /** This session's spend as shown, e.g. "≈$0.0120". */
  readonly spend: string;
  /** A budget is near or at its limit. */
  readonly budget: 'ok' | 'warning' | 'reached';
}

/** The status bar item's accessible text: "AI Task Queue, paused: you paused it, 2 running, 5 queued, spent $0.12 this session". */
export function statusBarAccessibleLabel(c: QueueCountsText): string {
  const parts = [l10n.t('AI Task Queue')];
  if (c.paused) parts.push(l10n.t('paused: {0}', c.pauseReason ?? l10n.t('new tasks do not start')));
  if (c.throttled) parts.push(l10n.t('new tasks wait, the extension host is under pressure ({0})', c.throttled));
  parts.push(l10n.t('{0} running', c.running));
  if (c.waiting > 0) parts.push(l10n.t('{0} waiting for a provider', c.waiting));
  parts.push(l10n.t('{0} queued', c.queued), l10n.t('spent {0} this session', c.spend.replace('≈', l10n.t('about '))));
  if (c.budget !== 'ok') parts.push(c.budget === 'reached' ? l10n.t('a budget limit is reached') : l10n.t('a budget is near its limit'));
  return parts.join(', ');
}
