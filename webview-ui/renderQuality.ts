// The quality of a finished result: the score from the prompt file's checks (each failed check
// named, with why) and the thumbs up/down rating. The rating buttons are real buttons (Tab, Enter,
// Space) with aria-pressed; pressing the pressed one takes the rating back.
import type { QualityView, RatingView, TaskView } from '../src/shared/protocol';
import { h } from './element';
import { icon } from './icons';

export interface RatingActions {
  rate(taskId: string, rating: RatingView | 'none'): void;
}

/** "Score 67 % — 2 of 3 checks passed". */
export function scoreText(quality: QualityView): string {
  return `Score ${Math.round(quality.score * 100)} % — ${quality.passed} of ${quality.total} check${quality.total === 1 ? '' : 's'} passed`;
}

export function renderQuality(task: TaskView, actions: RatingActions): HTMLElement | undefined {
  const score = task.quality;
  const rateable = task.status === 'completed';
  if (!score && !rateable) return undefined;
  return h(
    'section',
    { class: 'quality', 'data-testid': 'quality', 'aria-label': 'Result quality' },
    score ? h('div', { class: 'score', 'data-testid': 'score', 'data-score': score.score.toFixed(2) }, h('strong', {}, scoreText(score)), renderFailedChecks(score.failed)) : undefined,
    rateable ? renderRating(task.id, task.rating, (id, rating) => actions.rate(id, rating), 'Rate this result') : undefined,
  );
}

/** Each failed check with why, as a list (read out as "Failed checks"); nothing when all passed. */
export function renderFailedChecks(failed: QualityView['failed']): HTMLElement | undefined {
  if (failed.length === 0) return undefined;
  return h('ul', { class: 'failed-checks', 'aria-label': 'Failed checks' }, ...failed.map((f) => h('li', {}, icon('failed'), ` ${f.check} — ${f.reason}`)));
}

/** Good and Bad buttons for a completed task, the current rating pressed. */
export function renderRating(taskId: string, current: RatingView | undefined, rate: (taskId: string, rating: RatingView | 'none') => void, groupLabel: string): HTMLElement {
  const button = (rating: RatingView, label: string): HTMLElement => {
    const pressed = current === rating;
    const mark = icon(rating === 'up' ? 'thumbsUp' : 'thumbsDown');
    mark.setAttribute('slot', 'content-before');
    const el = h('vscode-button', { secondary: !pressed, 'aria-pressed': pressed ? 'true' : 'false', 'aria-label': label, title: label, 'data-testid': `rate-${rating}` }, mark, rating === 'up' ? 'Good' : 'Bad');
    el.addEventListener('click', () => rate(taskId, pressed ? 'none' : rating));
    return el;
  };
  return h(
    'div',
    { class: 'rating', role: 'group', 'aria-label': groupLabel },
    h('span', { class: 'rating-label' }, current ? 'Rated:' : `${groupLabel}:`),
    button('up', 'Good result (thumbs up)'),
    button('down', 'Bad result (thumbs down)'),
  );
}
