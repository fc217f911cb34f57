// Sentences for src/core/domain/phrases/resultPhrases.ts.
import * as l10n from '@vscode/l10n';
import type { ResultPhrases } from '../../../core/domain/phrases/resultPhrases';
import type { Sentences } from '../phraseText';

export const RESULT_SENTENCES: Sentences<ResultPhrases> = {
  'result.choice.whole': () => l10n.t('the whole answer (it has no code block)'),
  'result.choice.onlyBlock': (a, text) => l10n.t('its code block{0}', text(a.cut)),
  'result.choice.onlyBlockOfLanguage': (a, text) => l10n.t('its code block ({0}){1}', a.language, text(a.cut)),
  'result.choice.block': (a, text) => l10n.t('code block {0} of {1}{2}', a.index, a.of, text(a.cut)),
  'result.choice.blockOfLanguage': (a, text) => l10n.t('code block {0} of {1} ({2}){3}', a.index, a.of, a.language, text(a.cut)),
  'result.choice.cutOff': () => l10n.t(', cut off before its end'),
  'result.block.label': (a, text) => l10n.t('{0} · {1} · {2} lines{3}', a.index, text(a.language), a.lines, a.preview && ` — ${a.preview}`),
  'result.block.labelOneLine': (a, text) => l10n.t('{0} · {1} · 1 line{2}', a.index, text(a.language), a.preview && ` — ${a.preview}`),
  'result.block.plainText': () => l10n.t('plain text'),
  'result.selection.unverifiable': () => l10n.t('the text that was selected can no longer be verified'),
  'result.selection.edited': () => l10n.t('the selected text was edited since the task started'),
  'result.selection.gone': () => l10n.t('the selected text is no longer in the document'),
  'result.selection.ambiguous': (a) => l10n.t('the selected text now appears {0} times in the document', a.count),
  'result.batch.done': (a) => l10n.t('{0}/{1} done', a.done, a.total),
  'result.batch.failed': (a) => l10n.t('{0} failed', a.count),
  'result.batch.cancelled': (a) => l10n.t('{0} cancelled', a.count),
};
