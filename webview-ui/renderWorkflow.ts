// A workflow's steps: "Step 2 of 3 — draft" with a determinate bar (0–1 across the workflow), and
// each step with its status, attempts, tokens and cost. A finished step's output opens in a
// <details> (rendered through the same sanitizer as the main output); the running step's output
// is the main output below. Which steps are open survives redraws (`open` is kept by name).
import * as l10n from '@vscode/l10n';
import type { StepView, TaskView } from '../src/shared/protocol';
import { h } from './element';
import { formatCost, formatCount } from './format';
import { icon, type IconName } from './icons';
import { renderMarkdown } from './safeHtml';

const STEP_ICON: Readonly<Record<StepView['status'], IconName>> = {
  pending: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'cancelled',
};

/** A step's status in words (a function, so it is translated when drawn). */
const STEP_STATUS_TEXT: Readonly<Record<StepView['status'], () => string>> = {
  pending: () => l10n.t('pending'),
  running: () => l10n.t('running'),
  completed: () => l10n.t('completed'),
  failed: () => l10n.t('failed'),
  cancelled: () => l10n.t('cancelled'),
  skipped: () => l10n.t('skipped'),
};

/** Share of the workflow done, 0–1. */
export function workflowProgress(steps: readonly StepView[]): number {
  return steps.length === 0 ? 0 : steps.filter((s) => s.status === 'completed').length / steps.length;
}

/** "Step 2 of 3 — draft" while it runs; "Stopped at step 2 of 3 — draft" after a failure. */
export function stepHeadline(task: TaskView): string | undefined {
  const steps = task.steps;
  if (!steps || task.stepIndex === undefined) return undefined;
  const n = task.stepIndex + 1;
  const name = steps[task.stepIndex]?.name ?? '?';
  if (task.status === 'completed') return l10n.t('All {0} steps completed', steps.length);
  if (task.status === 'failed' || task.status === 'cancelled') return l10n.t('Stopped at step {0} of {1} — {2}', n, steps.length, name);
  if (task.status === 'queued') return l10n.t('Waiting to start step {0} of {1} — {2}', n, steps.length, name);
  return l10n.t('Step {0} of {1} — {2}', n, steps.length, name);
}

/** Renders a finished step's output; the panel caches it, since the list is redrawn on every state change. */
export type StepOutputRenderer = (index: number, output: string) => HTMLElement;

export function renderStepOutput(output: string): HTMLElement {
  const body = h('div', { class: 'markdown' });
  body.append(renderMarkdown(output));
  return body;
}

export function renderWorkflow(task: TaskView, openSteps: Set<string>, renderOutput: StepOutputRenderer = (_i, output) => renderStepOutput(output)): HTMLElement | undefined {
  const steps = task.steps;
  if (!steps) return undefined;
  const progress = workflowProgress(steps);
  const percent = Math.round(progress * 100);
  return h(
    'section',
    { class: 'workflow', 'data-testid': 'workflow', 'aria-label': l10n.t('Workflow steps') },
    h('div', { class: 'workflow-head' }, h('strong', { 'data-testid': 'step-headline' }, stepHeadline(task) ?? ''), h('span', { class: 'workflow-percent' }, `${percent} %`)),
    h('div', { class: 'workflow-bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-label': l10n.t('Workflow progress'), 'data-testid': 'workflow-progress' }, h('div', { class: `workflow-bar-fill w${Math.round(progress * 20) * 5}` })),
    h('ol', { class: 'steps' }, ...steps.map((step, i) => renderStep(task, step, i, openSteps, renderOutput))),
  );
}

function renderStep(task: TaskView, step: StepView, index: number, openSteps: Set<string>, renderOutput: StepOutputRenderer): HTMLElement {
  const current = index === task.stepIndex && (task.status === 'running' || task.status === 'waiting');
  const cost = formatCost(step.costUsd, step.usage?.estimated ?? false);
  const facts = [
    step.carried ? l10n.t('reused from the earlier run') : undefined,
    step.attempts > 1 ? l10n.t('{0} attempts', step.attempts) : undefined,
    step.usage ? l10n.t('{0} in · {1} out', formatCount(step.usage.inputTokens), formatCount(step.usage.outputTokens)) : undefined,
    cost,
  ].filter((f): f is string => f !== undefined);
  const label = h(
    'span',
    { class: 'step-label' },
    icon(STEP_ICON[step.status], current ? 'spin' : ''),
    h('span', { class: 'step-name' }, `${index + 1}. ${step.name}`),
    h('span', { class: 'step-status' }, current ? l10n.t('running — output below') : STEP_STATUS_TEXT[step.status]()),
    facts.length > 0 ? h('span', { class: 'step-facts' }, facts.join(' · ')) : undefined,
  );
  const output = task.stepOutputs?.[index];
  const item = h('li', { class: 'step', 'data-step-status': step.status, 'data-testid': `step-${index + 1}`, ...(current && { 'aria-current': 'step' }) });
  if (step.error) label.append(h('span', { class: 'step-error' }, step.error));
  if (!output || current) {
    item.append(label);
    return item;
  }
  const details = h('details', { class: 'step-output', ...(openSteps.has(step.name) && { open: true }) }, h('summary', {}, label));
  details.append(renderOutput(index, output));
  details.addEventListener('toggle', () => (details.open ? openSteps.add(step.name) : openSteps.delete(step.name)));
  item.append(details);
  return item;
}
