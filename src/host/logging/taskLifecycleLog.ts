// One output-channel line per lifecycle event of every task (queued, completed, cancelled, failed
// with its class and HTTP status), so a bug report's log tells what happened to each task.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Logger } from './logger';
import { phraseText } from '../../views/format/phraseText';

/** How a log line names a task, and an attempt of it: "task 3f2a…-9c1e attempt 2". */
export function taskRef(taskId: string, attempt?: number): string {
  return attempt === undefined ? vscode.l10n.t('task {0}', taskId) : vscode.l10n.t('task {0} attempt {1}', taskId, attempt);
}

export function logTaskLifecycle(engine: TaskEngine, log: Logger): () => void {
  return engine.events.on((e) => {
    const attempts = engine.get(e.taskId)?.attempts ?? 0;
    if (e.type === 'queued') log.info(`${taskRef(e.taskId)}: queued (${e.task.providerId} ${e.task.model}, ${e.task.priority})`);
    if (e.type === 'completed') log.info(`${taskRef(e.taskId, attempts)}: completed`);
    if (e.type === 'cancelled') log.info(`${taskRef(e.taskId, attempts || undefined)}: cancelled (${phraseText(e.reason)})`);
    if (e.type === 'failed') log.warn(`${taskRef(e.taskId, attempts || undefined)}: failed ${e.failure.code}${e.failure.status !== undefined ? ` (HTTP ${e.failure.status})` : ''}: ${phraseText(e.failure.reason)}`);
  });
}
