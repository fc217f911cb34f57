// The quality of a finished result: the score from the prompt file's checks (each failed check
// named, with why) and the thumbs up/down rating. The rating buttons are real buttons (Tab, Enter,
// Space) with aria-pressed; pressing the pressed one takes the rating back.
import * as l10n from '@vscode/l10n';
import type { QualityView, RatingView, TaskView } from '../src/shared/protocol';
import { h } from './element';
import { icon } from './icons';

export interface RatingActions {
  rate(taskId: string, rating: RatingView | 'none'): void;
}

/** "Score 67 % — 2 of 3 checks passed". */
export function scoreText(quality: QualityView): string {
  const percent = Math.round(quality.score * 100);
  return quality.total === 1 ? l10n.t('Score {0} % — {1} of {2} check passed', percent, quality.passed, quality.total) : l10n.t('Score {0} % — {1} of {2} checks passed', percent, quality.passed, quality.total);
}

export function renderQuality(task: TaskView, actions: RatingActions): HTMLElement | undefined {
  const score = task.quality;
  const rateable = task.status === 'completed';
  if (!score && !rateable) return undefined;
  return h(
    'section',
    { class: 'quality', 'data-testid': 'quality', 'aria-label': l10n.t('Result quality') },
    score ? h('div', { class: 'score', 'data-testid': 'score', 'data-score': score.score.toFixed(2) }, h('strong', {}, scoreText(score)), renderFailedChecks(score.failed)) : undefined,
    rateable ? renderRating(task.id, task.rating, (id, rating) => actions.rate(id, rating), l10n.t('Rate this result')) : undefined,
  );
}

/** Each failed check with why, as a list (read out as "Failed checks"); nothing when all passed. */
export function renderFailedChecks(failed: QualityView['failed']): HTMLElement | undefined {
  if (failed.length === 0) return undefined;
  return h('ul', { class: 'failed-checks', 'aria-label': l10n.t('Failed checks') }, ...failed.map((f) => h('li', {}, icon('failed'), ` ${f.check} — ${f.reason}`)));
}

/** Good and Bad buttons for a completed task, the current rating pressed; `groupLabel` is already translated. */
export function renderRating(taskId: string, current: RatingView | undefined, rate: (taskId: string, rating: RatingView | 'none') => void, groupLabel: string): HTMLElement {
  const button = (rating: RatingView, label: string, text: string): HTMLElement => {
    const pressed = current === rating;
    const mark = icon(rating === 'up' ? 'thumbsUp' : 'thumbsDown');
    mark.setAttribute('slot', 'content-before');
    const el = h('vscode-button', { secondary: !pressed, 'aria-pressed': pressed ? 'true' : 'false', 'aria-label': label, title: label, 'data-testid': `rate-${rating}` }, mark, text);
    el.addEventListener('click', () => rate(taskId, pressed ? 'none' : rating));
    return el;
  };
  return h(
    'div',
    { class: 'rating', role: 'group', 'aria-label': groupLabel },
    h('span', { class: 'rating-label' }, current ? l10n.t('Rated:') : l10n.t('{0}:', groupLabel)),
    button('up', l10n.t('Good result (thumbs up)'), l10n.t('Good')),
    button('down', l10n.t('Bad result (thumbs down)'), l10n.t('Bad')),
  );
}
