// Sentences for src/core/domain/phrases/commonPhrases.ts.
import type { CommonPhrases } from '../../../core/domain/phrases/commonPhrases';
import type { Sentences } from '../phraseText';

export const COMMON_SENTENCES: Sentences<CommonPhrases> = {
  verbatim: (a) => a.text,
};
