// Sentences for src/core/domain/phrases/waitingPhrases.ts: a waiting task's status line, wait
// lengths and pause reasons.
import * as l10n from '@vscode/l10n';
import type { WaitingPhrases } from '../../../core/domain/phrases/waitingPhrases';
import type { Sentences } from '../phraseText';

export const WAITING_SENTENCES: Sentences<WaitingPhrases> = {
  'waiting.rate': (a) => l10n.t("waiting: {0}'s request rate, next request in {1}s", a.provider, a.seconds),
  'waiting.tokens': (a) => l10n.t("waiting: {0}'s tokens-per-minute budget, next request in {1}s", a.provider, a.seconds),
  'waiting.hold': (a) => l10n.t('waiting: {0} asked to wait (rate limited), {1}s', a.provider, a.seconds),
  'waiting.unavailable.probing': () => l10n.t('waiting: provider unavailable, probe in progress'),
  'waiting.unavailable.next': (a) => l10n.t('waiting: provider unavailable, next probe in {0}s', a.seconds),
  'waiting.refusal': (a, text) => l10n.t('waiting: {0}; {1} ({2})', text(a.why), text(a.when), text(a.next)),
  'waiting.resendIn': (a) => l10n.t('resending in {0}s', a.seconds),
  'waiting.resendWhenAllowed': (a) => l10n.t('resending as soon as {0} allows', a.provider),
  'waiting.rateLimitAttempt': (a) => l10n.t('attempt {0} of {1}; a rate limit does not use up an attempt', a.attempt, a.allowed),
  'waiting.retrying': (a, text) => l10n.t('retrying in {0}s (attempt {1} of {2}): {3}', a.seconds, a.attempt, a.allowed, text(a.reason)),
  'waiting.attempt': (a) => l10n.t('attempt {0} of {1}', a.attempt, a.allowed),
  'waiting.providerBatch': (a) => l10n.t('waiting at {0} (provider batch)', a.provider),
  'wait.seconds': (a) => l10n.t('{0}s', a.n),
  'wait.minutes': (a) => l10n.t('{0} min', a.n),
  'wait.hours': (a) => l10n.t('{0} h', a.n),
  'pause.byUser': () => l10n.t('you paused it'),
  'pause.afterFailure': (a) => l10n.t('"{0}" failed, and "pause on failure" is on', a.title),
  'pause.afterFailure.unknownTask': () => l10n.t('"a task" failed, and "pause on failure" is on'),
  'pressure.eventLoop': (a) => l10n.t('event loop delayed {0} ms', a.ms),
  'pressure.heap': (a) => l10n.t('heap {0} % of its limit', a.percent),
  'pressure.both': (a, text) => l10n.t('{0}, {1}', text(a.eventLoop), text(a.heap)),
};

/**
 * The status lines that count down, without their seconds: what a screen reader is given, so the
 * same line is not read out again every second. Written per phrase rather than cut out of the
 * rendered text, which only works in the language the pattern was written for.
 */
export const WAITING_STEADY_SENTENCES: Partial<Sentences<WaitingPhrases>> = {
  'waiting.rate': (a) => l10n.t("waiting: {0}'s request rate, next request soon", a.provider),
  'waiting.tokens': (a) => l10n.t("waiting: {0}'s tokens-per-minute budget, next request soon", a.provider),
  'waiting.hold': (a) => l10n.t('waiting: {0} asked to wait (rate limited)', a.provider),
  'waiting.unavailable.next': () => l10n.t('waiting: provider unavailable, probing again soon'),
  'waiting.resendIn': () => l10n.t('resending soon'),
  'waiting.retrying': (a, text) => l10n.t('retrying soon (attempt {0} of {1}): {2}', a.attempt, a.allowed, text(a.reason)),
};
