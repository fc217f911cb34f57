// The quality of a finished result: the score from the prompt file's checks (each failed check
// named, with why) and the thumbs up/down rating. The rating buttons are real buttons (Tab, Enter,
// Space) with aria-pressed; pressing the pressed one takes the rating back.
import type { RatingView, TaskView } from '../src/shared/protocol';
import { h } from './element';
import { icon } from './icons';

export interface RatingActions {
  rate(taskId: string, rating: RatingView | 'none'): void;
}

/** "Score 67 % — 2 of 3 checks passed". */
export function scoreText(quality: NonNullable<TaskView['quality']>): string {
  return `Score ${Math.round(quality.score * 100)} % — ${quality.passed} of ${quality.total} check${quality.total === 1 ? '' : 's'} passed`;
}

export function renderQuality(task: TaskView, actions: RatingActions): HTMLElement | undefined {
  const score = task.quality;
  const rateable = task.status === 'completed';
  if (!score && !rateable) return undefined;
  return h(
    'section',
    { class: 'quality', 'data-testid': 'quality', 'aria-label': 'Result quality' },
    score
      ? h(
          'div',
          { class: 'score', 'data-testid': 'score', 'data-score': score.score.toFixed(2) },
          h('strong', {}, scoreText(score)),
          score.failed.length > 0
            ? h('ul', { class: 'failed-checks', 'aria-label': 'Failed checks' }, ...score.failed.map((f) => h('li', {}, icon('failed'), ` ${f.check} — ${f.reason}`)))
            : undefined,
        )
      : undefined,
    rateable ? renderRating(task, actions) : undefined,
  );
}

function renderRating(task: TaskView, actions: RatingActions): HTMLElement {
  const button = (rating: RatingView, label: string): HTMLElement => {
    const pressed = task.rating === rating;
    const mark = icon(rating === 'up' ? 'thumbsUp' : 'thumbsDown');
    mark.setAttribute('slot', 'content-before');
    const el = h('vscode-button', { secondary: !pressed, 'aria-pressed': pressed ? 'true' : 'false', 'aria-label': label, title: label, 'data-testid': `rate-${rating}` }, mark, rating === 'up' ? 'Good' : 'Bad');
    el.addEventListener('click', () => actions.rate(task.id, pressed ? 'none' : rating));
    return el;
  };
  return h(
    'div',
    { class: 'rating', role: 'group', 'aria-label': 'Rate this result' },
    h('span', { class: 'rating-label' }, task.rating ? 'Rated:' : 'Rate this result:'),
    button('up', 'Good result (thumbs up)'),
    button('down', 'Bad result (thumbs down)'),
  );
}
