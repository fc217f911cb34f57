// Sentences for src/core/domain/phrases/qualityPhrases.ts.
import * as l10n from '@vscode/l10n';
import type { QualityPhrases } from '../../../core/domain/phrases/qualityPhrases';
import type { Sentences } from '../phraseText';

export const QUALITY_SENTENCES: Sentences<QualityPhrases> = {
  'quality.check.contains': (a) => l10n.t('contains "{0}"', a.text),
  'quality.check.containsAnyCase': (a) => l10n.t('contains "{0}" (any case)', a.text),
  'quality.check.notContains': (a) => l10n.t('does not contain "{0}"', a.text),
  'quality.check.notContainsAnyCase': (a) => l10n.t('does not contain "{0}" (any case)', a.text),
  'quality.check.regex': (a) => l10n.t('matches /{0}/{1}', a.pattern, a.flags),
  'quality.check.json': () => l10n.t('valid JSON'),
  'quality.check.jsonSchema': () => l10n.t('valid JSON matching the schema'),
  'quality.check.maxLength': (a) => l10n.t('at most {0} characters', a.chars.toLocaleString('en-US')),
  'quality.check.codeBlock': () => l10n.t('a fenced code block'),
  'quality.check.codeBlockLanguage': (a) => l10n.t('a fenced {0} code block', a.language),
  'quality.failure.notFound': () => l10n.t('not found'),
  'quality.failure.found': () => l10n.t('found'),
  'quality.failure.noMatch': () => l10n.t('no match'),
  'quality.failure.patternInvalid': (a, text) => l10n.t('the pattern does not compile ({0})', text(a.error)),
  'quality.failure.tooLong': (a) => l10n.t('{0} characters', a.chars.toLocaleString('en-US')),
  'quality.failure.noCodeBlock': () => l10n.t('none found'),
  'quality.failure.notJson': (a, text) => l10n.t('not JSON ({0})', text(a.error)),
  'quality.failure.schemaInvalid': (a, text) => l10n.t('the schema does not compile ({0})', text(a.error)),
  'quality.failure.schemaAt': (a, text) => l10n.t('{0} {1}', a.path, text(a.message)),
  'quality.failure.schemaValue': (a, text) => l10n.t('the value {0}', text(a.message)),
  'quality.failure.schemaMismatch': () => l10n.t('does not match the schema'),
};
