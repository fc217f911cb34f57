// A phrase as the history file holds it (plain JSON), and the text it replaced: records written
// before phrases existed hold an English string where a phrase now goes, and they still load, their
// text shown as it was stored (verbatim). An id this version has no sentence for is shown by its id.
import * as v from 'valibot';
import { verbatim, type Phrase } from '../domain/phrase';
import { FAILURE_CODES } from '../../shared/taskVocabulary';
import type { TaskFailure } from '../domain/taskFailure';

interface StoredPhraseShape {
  readonly key: string;
  readonly args: Readonly<Record<string, string | number | StoredPhraseShape>>;
}

const PhraseShapeSchema: v.GenericSchema<StoredPhraseShape> = v.object({
  key: v.pipe(v.string(), v.minLength(1)),
  args: v.record(v.string(), v.union([v.string(), v.number(), v.lazy(() => PhraseShapeSchema)])),
});

/** Any phrase; its id is not checked against this version's catalog (see phraseText's fallback). */
export const StoredPhraseSchema = v.pipe(PhraseShapeSchema, v.transform((p) => p as unknown as Phrase));

/** A phrase, or the English string an older record holds in its place. */
export const PhraseOrLegacyTextSchema = v.union([StoredPhraseSchema, v.pipe(v.string(), v.transform((text): Phrase => verbatim(text)))]);

const FailureFacts = {
  code: v.picklist(FAILURE_CODES),
  retryable: v.boolean(),
  status: v.optional(v.number()),
  limit: v.optional(v.picklist(['total', 'idle'])),
};

const FailureSchema = v.object({
  ...FailureFacts,
  reason: StoredPhraseSchema,
  setting: v.optional(v.string()),
  remediation: v.optional(StoredPhraseSchema),
});

/** Written before phrases: the reason and the advice as English sentences. */
const LegacyFailureSchema = v.object({ ...FailureFacts, message: v.string(), remediation: v.string() });

export const StoredFailureSchema = v.pipe(
  v.union([FailureSchema, LegacyFailureSchema]),
  v.transform((f): TaskFailure => {
    if (!('message' in f)) return f;
    const { message, remediation, ...facts } = f;
    // The stored advice is kept: it may name the setting to fix, which the record does not hold otherwise.
    return { ...facts, reason: verbatim(message), remediation: verbatim(remediation) };
  }),
);
