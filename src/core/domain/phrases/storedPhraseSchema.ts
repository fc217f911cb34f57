// How a phrase is read back from a file (the task history, the provider batch jobs file). A record
// written before phrases existed holds the English sentence as a string: it is read as verbatim
// text, so nothing stored is lost, it is only not translated. A key is not checked against the
// catalog here (a newer version may add ids); the adapters fall back to the id for one they lack.
import * as v from 'valibot';
import { verbatim, type Phrase } from '../phrase';

type StoredArg = string | number | StoredPhrase;
interface StoredPhrase {
  readonly key: string;
  readonly args: Readonly<Record<string, StoredArg>>;
}

const StoredPhraseObjectSchema: v.GenericSchema<StoredPhrase> = v.object({
  key: v.pipe(v.string(), v.minLength(1)),
  args: v.record(v.string(), v.union([v.string(), v.number(), v.lazy(() => StoredPhraseObjectSchema)])),
});

/** A stored phrase, where a field has always held one (no legacy string to read). */
export const StrictStoredPhraseSchema = v.pipe(StoredPhraseObjectSchema, v.transform((stored): Phrase => stored as Phrase));

/** A stored phrase, or a legacy string read as verbatim text. */
export const StoredPhraseSchema = v.pipe(
  v.union([v.string(), StoredPhraseObjectSchema]),
  v.transform((stored): Phrase => (typeof stored === 'string' ? verbatim(stored) : (stored as Phrase))),
);
