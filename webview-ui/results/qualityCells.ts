// Score and rating in the results view: the table's score cell (failed checks named on hover) and
// its compact rating buttons, and a comparison column's score with its failed checks listed below
// and the same Good/Bad buttons as the output panel. The buttons are real buttons (Tab, Enter,
// Space) with aria-pressed; pressing the pressed one takes the rating back.
import * as l10n from '@vscode/l10n';
import type { RatingView } from '../../src/shared/protocol';
import type { ResultRow } from '../../src/shared/resultsProtocol';
import { h } from '../element';
import { icon } from '../icons';
import { renderFailedChecks, renderRating, scoreText } from '../renderQuality';

export type RateAction = (taskId: string, rating: RatingView | 'none') => void;

/** A key that changes when the rating cell must be redrawn (so focus is kept otherwise). */
export function ratingKey(row: ResultRow): string {
  return `${row.status === 'completed'}|${row.rating ?? ''}`;
}

/** Two icon buttons for a table row; nothing for a task that has not completed. The table handles their clicks. */
export function ratingButtons(row: ResultRow): HTMLElement | string {
  if (row.status !== 'completed') return '';
  const button = (rating: RatingView): HTMLElement => {
    const pressed = row.rating === rating;
    const up = rating === 'up';
    // Whole sentences per button: "Good result — gpt-4o", "Good result (press again to take it back)".
    const label = up ? l10n.t('Good result — {0}', row.label) : l10n.t('Bad result — {0}', row.label);
    const title = pressed ? (up ? l10n.t('Good result (press again to take it back)') : l10n.t('Bad result (press again to take it back)')) : up ? l10n.t('Good result') : l10n.t('Bad result');
    return h(
      'button',
      { class: 'rate', type: 'button', 'data-rate': rating, 'aria-pressed': pressed ? 'true' : 'false', 'aria-label': label, title, 'data-testid': `row-rate-${rating}` },
      icon(up ? 'thumbsUp' : 'thumbsDown'),
    );
  };
  return h('span', { class: 'rate-group', role: 'group', 'aria-label': l10n.t('Rate this result') }, button('up'), button('down'));
}

/** A comparison column's quality: the score with each failed check below it, and the rating buttons. */
export function renderColumnQuality(row: ResultRow, rate: RateAction): HTMLElement | undefined {
  const q = row.quality;
  if (!q && row.status !== 'completed') return undefined;
  return h(
    'div',
    { class: 'compare-quality', 'data-testid': 'compare-quality' },
    q ? h('div', { class: 'score', 'data-testid': 'compare-score', 'data-score': q.score.toFixed(2) }, h('strong', {}, scoreText(q)), renderFailedChecks(q.failed)) : undefined,
    row.status === 'completed' ? renderRating(row.id, row.rating, rate, l10n.t('Rate this model’s result')) : undefined,
  );
}
