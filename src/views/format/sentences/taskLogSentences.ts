// Sentences for src/core/domain/phrases/taskLogPhrases.ts: a task's own log.
import * as l10n from '@vscode/l10n';
import type { TaskLogPhrases } from '../../../core/domain/phrases/taskLogPhrases';
import type { Sentences } from '../phraseText';

export const TASK_LOG_SENTENCES: Sentences<TaskLogPhrases> = {
  'log.sending': (a) => l10n.t('sending to {0} {1} (attempt {2} of {3})', a.provider, a.model, a.attempt, a.allowed),
  'log.attemptFailed': (a, text) => l10n.t('failed ({0}): {1}; {2}', text(a.facts), text(a.reason), text(a.next)),
  'log.facts.code': (a) => a.code,
  'log.facts.status': (a, text) => l10n.t('{0}, HTTP {1}', text(a.facts), a.status),
  'log.facts.request': (a, text) => l10n.t('{0}, request {1}', text(a.facts), a.requestId),
  'log.next.retry': (a) => l10n.t('retrying in {0}s', a.seconds),
  'log.next.requeue': () => l10n.t('back in line for the provider'),
  'log.next.stop': () => l10n.t('no retry'),
  'log.linesNotKept': (a) => l10n.t('… {0} lines not kept', a.count),
  'log.step.started': (a, text) => l10n.t('{0}: started', text(a.step)),
  'log.step.completed': (a, text) => l10n.t('{0}: completed', text(a.step)),
  'step.label': (a) => l10n.t('step {0} of {1} — {2}', a.step, a.steps, a.name),
};
