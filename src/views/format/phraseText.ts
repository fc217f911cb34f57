// Puts a phrase from src/core into words in the window's language. The sentences live in
// ./sentences, one file per concern of src/core/domain/phrases, each checked by the compiler to
// give every id of its concern a sentence through l10n.t (so `npm run l10n:export` finds them).
import { phraseId, type Phrase, type PhraseArg } from '../../core/domain/phrase';
import type { PhraseCatalog } from '../../core/domain/phrases/phraseCatalog';
import { BATCH_SENTENCES } from './sentences/batchSentences';
import { COMMON_SENTENCES } from './sentences/commonSentences';
import { PROMPT_FILE_SENTENCES } from './sentences/promptFileSentences';
import { QUALITY_SENTENCES } from './sentences/qualitySentences';
import { RESULT_SENTENCES } from './sentences/resultSentences';
import { EXPORT_SENTENCES, REPORT_SENTENCES } from './sentences/reportSentences';
import { FAILURE_SENTENCES } from './sentences/failureSentences';
import { PROVIDER_SENTENCES } from './sentences/providerSentences';
import { TASK_LOG_SENTENCES } from './sentences/taskLogSentences';
import { USAGE_SENTENCES } from './sentences/usageSentences';
import { WAITING_SENTENCES, WAITING_STEADY_SENTENCES } from './sentences/waitingSentences';

/** Turns a nested phrase argument into words; handed to each sentence so the files need no cycle. */
export type ArgText = (arg: PhraseArg) => string;

/** Each id of a concern's phrases with the function that writes its sentence. */
export type Sentences<Catalog> = { readonly [K in keyof Catalog]: (args: Catalog[K], text: ArgText) => string };

/** Every sentence, by id (exported so the pseudo-locale test can render each one). */
export const SENTENCES: Sentences<PhraseCatalog> = {
  ...COMMON_SENTENCES,
  ...FAILURE_SENTENCES,
  ...WAITING_SENTENCES,
  ...TASK_LOG_SENTENCES,
  ...PROVIDER_SENTENCES,
  ...USAGE_SENTENCES,
  ...QUALITY_SENTENCES,
  ...PROMPT_FILE_SENTENCES,
  ...RESULT_SENTENCES,
  ...BATCH_SENTENCES,
  ...REPORT_SENTENCES,
  ...EXPORT_SENTENCES,
};

/** What a sentence table holds for any id, once the id is no longer known statically. */
type AnySentence = (args: Phrase['args'], text: ArgText) => string;
type SentenceTable = Readonly<Partial<Record<Phrase['key'], AnySentence>>>;

/** The steady sentences first, then every other: a ticking line's countdown-free form wins. */
const STEADY: SentenceTable = { ...(SENTENCES as SentenceTable), ...(WAITING_STEADY_SENTENCES as SentenceTable) };

/** Writes `p` and its nested phrases from `table`; an id it lacks (a newer version's) shows as the id. */
function write(p: Phrase, table: SentenceTable): string {
  const sentence = table[p.key];
  return sentence ? sentence(p.args, (arg) => (typeof arg === 'object' ? write(arg, table) : String(arg))) : phraseId(p);
}

/**
 * A status line in words without what changes every second ("retrying soon (attempt 2 of 3): …"
 * for "retrying in 3s (attempt 2 of 3): …"): for screen readers, which would otherwise read the
 * line again at each tick.
 */
export function steadyPhraseText(p: Phrase): string {
  return write(p, STEADY);
}

export function phraseText(p: Phrase): string {
  return write(p, SENTENCES as SentenceTable);
}

/** An argument in words: a nested phrase written out, a value shown as it is. */
export function argText(arg: PhraseArg): string {
  return typeof arg === 'object' ? phraseText(arg) : String(arg);
}
