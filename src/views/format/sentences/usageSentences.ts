// Sentences for src/core/domain/phrases/usagePhrases.ts: token counts and provider limits.
import * as l10n from '@vscode/l10n';
import type { UsagePhrases } from '../../../core/domain/phrases/usagePhrases';
import type { Sentences } from '../phraseText';

export const USAGE_SENTENCES: Sentences<UsagePhrases> = {
  'count.estimate': () => l10n.t('≈ 4 characters per token'),
  'count.tokenizer': (a) => l10n.t('{0} tokenizer', a.encoding),
  'limits.expected.object': () => l10n.t('an object such as {0}', '{ "concurrency": 4 }'),
  'limits.expected.knownLimit': (a) => l10n.t('a known limit ({0})', a.fields),
  'limits.expected.positive': () => l10n.t('a number above 0'),
  'history.outputCut': (a) => l10n.t('… {0} more characters were not kept in the task history', a.chars.toLocaleString('en-US')),
};
