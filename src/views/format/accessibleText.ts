// What a screen reader is told about a task row and the status bar. Each is a plain sentence with
// no codicon names and no Markdown, and holds nothing that changes every second (a countdown, a
// running clock, tokens counted up while streaming): a focused row whose label changes is read
// out again, so only a change of state should change it.
import type { Task } from '../../core/domain/taskModel';
import { isTerminal } from '../../core/domain/taskModel';
import { withoutCountdown } from '../../shared/countdownText';
import { formatUsd } from '../../shared/formatUsd';
import { FAILURE_CLASS_NAMES, type TaskStatus } from '../../shared/taskVocabulary';

export const STATUS_WORDS: Readonly<Record<TaskStatus, string>> = {
  queued: 'queued',
  waiting: 'waiting for provider',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** "Explain the diff, failed, network error, OpenAI model gpt-4o, cost $0.0012". */
export function taskAccessibleLabel(task: Task, label: string, providerLabel: string): string {
  const parts = [label, STATUS_WORDS[task.status]];
  if (task.status === 'failed' && task.error) parts.push(FAILURE_CLASS_NAMES[task.error.code]);
  if (task.statusDetail) parts.push(withoutCountdown(task.statusDetail));
  if (task.status === 'queued' && task.priority !== 'normal') parts.push(`${task.priority} priority`);
  parts.push(`${providerLabel} model ${task.model}`);
  if (task.cached) parts.push('answered from the response cache');
  // The cost is only final at the end; while streaming it is counted up and would change the label.
  if (isTerminal(task.status) && task.costUsd !== undefined) parts.push(task.costUsd === null ? 'price unknown' : task.costUsd === 0 ? 'free' : `cost ${formatUsd(task.costUsd)}`);
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
  const parts = ['AI Task Queue'];
  if (c.paused) parts.push(`paused: ${c.pauseReason ?? 'new tasks do not start'}`);
  if (c.throttled) parts.push(`new tasks wait, the extension host is under pressure (${c.throttled})`);
  parts.push(`${c.running} running`);
  if (c.waiting > 0) parts.push(`${c.waiting} waiting for a provider`);
  parts.push(`${c.queued} queued`, `spent ${c.spend.replace('≈', 'about ')} this session`);
  if (c.budget !== 'ok') parts.push(c.budget === 'reached' ? 'a budget limit is reached' : 'a budget is near its limit');
  return parts.join(', ');
}
