// The streamed output: rendered markdown, redrawn at most once per frame however fast chunks
// arrive, and kept scrolled to the bottom while the reader is already there. Complete blocks are
// rendered once into `stable`; only the still-growing tail is re-rendered (see markdownBlocks.ts).
import * as l10n from '@vscode/l10n';
import type { TaskView } from '../src/shared/protocol';
import { h } from './element';
import { icon } from './icons';
import { stableBoundary } from './markdownBlocks';
import type { RestartMarker } from './panelState';
import { renderMarkdown } from './safeHtml';

const BOTTOM_SLACK_PX = 48;

function scroller(): Element {
  return document.scrollingElement ?? document.documentElement;
}

function isNearBottom(): boolean {
  const el = scroller();
  return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
}

function placeholder(task: TaskView): HTMLElement {
  const waiting = task.status === 'queued' || task.status === 'waiting' || task.status === 'running';
  return h(
    'p',
    { class: 'output-placeholder' },
    waiting ? h('vscode-progress-ring', { class: 'inline-ring', 'aria-label': l10n.t('Waiting for output') }) : undefined,
    waiting ? (task.status === 'queued' ? l10n.t('Waiting in the queue…') : l10n.t('Waiting for output…')) : l10n.t('No output.'),
  );
}

export class OutputView {
  readonly element: HTMLElement;
  private readonly marker: HTMLElement;
  private readonly body: HTMLElement;
  private readonly stable: HTMLElement;
  private readonly tail: HTMLElement;
  /** The output text already rendered into `stable`. */
  private committed = '';
  private task: TaskView | undefined;
  private restart: RestartMarker | undefined;
  private renderedKey: string | undefined;
  private frame: number | undefined;

  constructor() {
    this.marker = h('div', { class: 'restart-slot' });
    this.stable = h('div', { class: 'md-stable' });
    this.tail = h('div', { class: 'md-tail' });
    this.body = h('div', { class: 'output-body markdown', 'data-testid': 'output', 'aria-live': 'off' }, this.stable, this.tail);
    const heading = l10n.t('Output');
    this.element = h('section', { class: 'output', 'aria-label': heading }, h('h2', { class: 'section-title' }, heading), this.marker, this.body);
  }

  update(task: TaskView, restart: RestartMarker | undefined): void {
    this.task = task;
    this.restart = restart;
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Draws immediately (a new task, or tests that cannot wait a frame). */
  flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    const task = this.task;
    if (!task) return;
    this.body.setAttribute('aria-busy', task.status === 'running' ? 'true' : 'false');
    this.body.setAttribute('data-status', task.status);
    this.drawMarker(task);
    const key = task.output === '' ? `empty:${task.status}` : task.output;
    if (key === this.renderedKey) return;
    const stick = isNearBottom();
    this.drawText(task);
    this.renderedKey = key;
    if (stick) scroller().scrollTop = scroller().scrollHeight;
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private drawText(task: TaskView): void {
    const text = task.output;
    if (!text.startsWith(this.committed)) {
      // Restarted or replaced by a snapshot: nothing rendered so far still holds.
      this.stable.replaceChildren();
      this.committed = '';
    }
    if (text === '') {
      this.tail.replaceChildren(placeholder(task));
      return;
    }
    const cut = stableBoundary(text, this.committed.length);
    if (cut > this.committed.length) {
      this.stable.append(renderMarkdown(text.slice(this.committed.length, cut)));
      this.committed = text.slice(0, cut);
    }
    this.tail.replaceChildren(renderMarkdown(text.slice(cut)));
  }

  private drawMarker(task: TaskView): void {
    if (!this.restart) {
      this.marker.replaceChildren();
      return;
    }
    const attempt = this.restart.attempt ?? task.attempts;
    this.marker.replaceChildren(
      h('div', { class: 'restart-marker', 'data-testid': 'restart-marker' }, icon('restart'), l10n.t('restarted (attempt {0})', attempt)),
    );
  }
}
