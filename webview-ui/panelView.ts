// Draws PanelState into the page. A task's layout is built once and then updated in parts: the
// summary on state changes, the output on output changes, the clock every second while it runs,
// so the prompt's open/closed state, focus and scroll position survive streaming.
import { renderStepOutput, renderWorkflow } from './renderWorkflow';
import { renderQuality, type RatingActions } from './renderQuality';
import { renderLog } from './renderLog';
import * as l10n from '@vscode/l10n';
import type { TaskView } from '../src/shared/protocol';
import { h } from './element';
import { taskTiming } from './format';
import { OutputView } from './outputView';
import type { PanelChange, PanelState } from './panelState';
import { renderActions, type PanelActions } from './renderActions';
import { renderResultActions } from './renderResultActions';
import { renderError } from './renderError';
import { announcement, renderMeta, renderSimulatedBanner, renderStatusDetail, renderTitle } from './renderHeader';
import { renderPrompt } from './renderPrompt';
import { renderStats, renderTiming } from './renderStats';

interface TaskLayout {
  readonly taskId: string;
  readonly progress: HTMLElement;
  readonly heading: HTMLElement;
  readonly actions: HTMLElement;
  readonly summary: HTMLElement;
  readonly workflow: HTMLElement;
  readonly quality: HTMLElement;
  readonly log: HTMLElement;
  readonly results: HTMLElement;
  readonly output: OutputView;
  /** A polite live region: says a state change once ("Running: retrying (attempt 2 of 3)"), never a countdown's second. */
  readonly announcer: HTMLElement;
  actionsFor?: string;
  /** What the quality slot shows now, so it is redrawn (and focus lost) only when that changes. */
  qualityFor?: string;
  logFor?: number;
}

export class PanelView {
  private layout: TaskLayout | undefined;
  private shown: TaskView | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Workflow steps whose output the reader opened, and whether the log is open: kept across redraws. */
  private readonly openSteps = new Set<string>();
  private logOpen = false;
  /** Finished steps' rendered outputs, by step: rendered once, moved into each redraw of the list. */
  private readonly stepOutputs = new Map<number, { readonly text: string; readonly element: HTMLElement }>();

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: PanelActions & RatingActions,
    private readonly now: () => number = Date.now,
  ) {}

  render(state: PanelState, change: PanelChange): void {
    if (state.kind !== 'task') {
      this.teardown();
      this.root.replaceChildren(state.kind === 'empty' ? emptyState() : loadingState());
      return;
    }
    const task = state.task;
    let layout = this.layout;
    if (layout?.taskId !== task.id) {
      this.teardown();
      layout = this.build(task);
      change = 'task';
    }
    this.shown = task;
    if (change !== 'output') this.drawSummary(layout, task);
    layout.output.update(task, state.restart);
    if (change === 'task') layout.output.flush();
    this.syncTicker(task);
  }

  private build(task: TaskView): TaskLayout {
    const layout: TaskLayout = {
      taskId: task.id,
      progress: h('div', { class: 'progress-slot' }),
      heading: h('div', { class: 'heading' }),
      actions: h('div', { class: 'actions-slot' }),
      summary: h('div', { class: 'summary' }),
      workflow: h('div', { class: 'workflow-slot' }),
      quality: h('div', { class: 'quality-slot' }),
      log: h('div', { class: 'log-slot' }),
      results: h('div', { class: 'results-slot' }),
      output: new OutputView(),
      announcer: h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'announcer' }),
    };
    this.openSteps.clear();
    this.stepOutputs.clear();
    this.logOpen = false;
    this.root.replaceChildren(
      layout.progress,
      h(
        'main',
        { class: 'task', 'data-testid': 'task', 'data-task-id': task.id },
        task.simulated ? renderSimulatedBanner() : undefined,
        h('header', { class: 'header' }, layout.heading, layout.actions),
        layout.summary,
        layout.results,
        layout.quality,
        layout.workflow,
        renderPrompt(task),
        layout.output.element,
        layout.log,
      ),
      layout.announcer,
    );
    this.layout = layout;
    return layout;
  }

  private drawSummary(layout: TaskLayout, task: TaskView): void {
    layout.progress.replaceChildren(
      task.status === 'running' && !task.steps ? h('vscode-progress-bar', { indeterminate: true, 'aria-label': l10n.t('Task running') }) : '',
    );
    layout.heading.replaceChildren(renderTitle(task), renderMeta(task));
    // Redrawn only when the status changes, so a focused button keeps focus during streaming.
    if (layout.actionsFor !== task.status) {
      layout.actions.replaceChildren(renderActions(task, this.actions));
      layout.results.replaceChildren(renderResultActions(task, (id, action) => this.actions.result(id, action)) ?? '');
      layout.actionsFor = task.status;
    }
    layout.summary.replaceChildren(
      ...[renderStatusDetail(task), renderStats(task, this.now()), renderError(task.error)].filter((el) => el !== undefined),
    );
    this.root.setAttribute('data-status', task.status);
    const said = announcement(task);
    if (layout.announcer.textContent !== said) layout.announcer.textContent = said;
    this.drawParts(layout, task);
  }

  private drawParts(layout: TaskLayout, task: TaskView): void {
    layout.workflow.replaceChildren(renderWorkflow(task, this.openSteps, (index, text) => this.stepOutput(index, text)) ?? '');
    const qualityKey = `${task.status}|${task.rating ?? ''}|${task.quality?.score ?? ''}`;
    if (layout.qualityFor !== qualityKey) {
      layout.quality.replaceChildren(renderQuality(task, this.actions) ?? '');
      layout.qualityFor = qualityKey;
    }
    const logLength = task.log?.length ?? 0;
    if (layout.logFor !== logLength) {
      layout.log.replaceChildren(renderLog(task, this.logOpen, (open) => (this.logOpen = open)) ?? '');
      layout.logFor = logLength;
    }
  }

  private stepOutput(index: number, text: string): HTMLElement {
    const cached = this.stepOutputs.get(index);
    if (cached?.text === text) return cached.element;
    const element = renderStepOutput(text);
    this.stepOutputs.set(index, { text, element });
    return element;
  }

  private syncTicker(task: TaskView): void {
    const live = taskTiming(task, this.now())?.live ?? false;
    if (live && this.ticker === undefined) this.ticker = setInterval(() => this.tick(), 1000);
    if (!live) this.stopTicker();
  }

  private tick(): void {
    const task = this.shown;
    const current = this.layout?.summary.querySelector('.stat-timing');
    if (!task || !current) return;
    const next = renderTiming(task, this.now());
    if (next) current.replaceWith(next);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private teardown(): void {
    this.stopTicker();
    this.layout?.output.dispose();
    this.layout = undefined;
    this.shown = undefined;
  }
}

function emptyState(): HTMLElement {
  return h(
    'div',
    { class: 'placeholder-state', 'data-testid': 'empty' },
    h('h1', { class: 'placeholder-title' }, l10n.t('No task selected')),
    h('p', {}, l10n.t('Select a task in the AI Task Queue view, or run a prompt, to see its output here.')),
  );
}

function loadingState(): HTMLElement {
  return h(
    'div',
    { class: 'placeholder-state', 'data-testid': 'loading' },
    h('vscode-progress-ring', { 'aria-label': l10n.t('Loading task') }),
    h('p', {}, l10n.t('Loading task…')),
  );
}
