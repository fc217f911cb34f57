// "AI Tasks: Retry with Another Model…": re-runs a failed (or cancelled) task on a provider and
// model picked from the configured providers' defaults, e.g. when the first provider is down,
// rate limited or out of quota. The original stays in history, linked from the new task.
import * as vscode from 'vscode';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import type { OutputPanel } from '../../views/panel/outputPanel';
import { CommandId } from '../../shared/ids';
import { resolveTask } from '../pickers/taskPicker';
import { confirmRuns, type RunConfirmationServices } from '../pickers/runConfirmation';
import { describeEstimate } from '../../views/format/costText';

export interface RetryWithModelServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly panel: OutputPanel;
  readonly confirmation: RunConfirmationServices;
}

interface TargetItem extends vscode.QuickPickItem {
  readonly providerId: string;
  readonly model: string;
}

export function registerRetryWithModelCommand(s: RetryWithModelServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.retryWithModel, async (arg: unknown): Promise<string | undefined> => {
      const task = await resolveTask(s.engine, arg, ['failed', 'cancelled'], vscode.l10n.t('Retry which task with another model?'));
      if (!task || (task.status !== 'failed' && task.status !== 'cancelled')) return undefined;
      const target = await vscode.window.showQuickPick(withEstimates(s.confirmation, targets(s.providers, task), task), {
        title: vscode.l10n.t('Retry "{0}" with another model', task.title),
        placeHolder: vscode.l10n.t('Pick a provider; its default model runs the task'),
        matchOnDescription: true,
      });
      if (!target) return undefined;
      const run = { providerId: target.providerId, model: target.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }) };
      const confirmed = (await confirmRuns(s.confirmation, [run], { batch: false }))?.[0];
      if (!confirmed) return undefined;
      const next = s.engine.retry(task.id, { providerId: confirmed.providerId, model: confirmed.model });
      if (next && s.panel.shownTaskId === task.id) s.panel.show(next.id);
      return next?.id;
    }),
  ];
}

/** Every configured provider with its default model; the one that failed goes last. */
function targets(providers: ProviderRegistry, task: Task): TargetItem[] {
  const items = providers.all().map((entry): TargetItem => {
    const same = entry.id === task.providerId && entry.defaultModel === task.model;
    return {
      label: entry.label,
      description: entry.defaultModel || vscode.l10n.t('first available model'),
      ...(same && { detail: task.status === 'failed' ? vscode.l10n.t('This is where the task failed') : vscode.l10n.t('This is where the task was cancelled') }),
      providerId: entry.id,
      model: entry.defaultModel,
    };
  });
  return [...items.filter((i) => !i.detail), ...items.filter((i) => i.detail)];
}

/** Each target with what the task would take on it (tokens, cost range), before anything is picked. */
async function withEstimates(confirmation: RunConfirmationServices, items: TargetItem[], task: Task): Promise<TargetItem[]> {
  return Promise.all(
    items.map(async (item) => {
      if (!item.model) return item;
      const estimate = await confirmation.estimator.quick({ providerId: item.providerId, model: item.model, prompt: task.prompt, ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }) });
      return { ...item, detail: [item.detail, describeEstimate(estimate)].filter(Boolean).join(' · ') };
    }),
  );
}
