// A task's failure as the history file holds it: its reason and advice as phrases (read by
// src/core/domain/phrases/storedPhraseSchema.ts), or, in a record written before phrases existed,
// as English sentences, which still load and are shown as they were stored (verbatim).
import * as v from 'valibot';
import { StrictStoredPhraseSchema as StoredPhraseSchema } from '../domain/phrases/storedPhraseSchema';
import { FAILURE_CODES } from '../../shared/taskVocabulary';
import type { TaskFailure } from '../domain/taskFailure';
import { verbatim } from '../domain/phrase';

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
