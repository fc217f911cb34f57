// What a person reads for a phrase of the engine, in English (no bundle loaded): tests of src/core
// assert the sentence a phrase becomes, so the English the UI shows stays checked.
import type { Phrase } from '../../../src/core/domain/phrase';
import { failureRemediation, type TaskFailure } from '../../../src/core/domain/taskFailure';
import { phraseText } from '../../../src/views/format/phraseText';

export function words(p: Phrase | undefined): string {
  return p ? phraseText(p) : '';
}

/** A failure's advice in words. */
export function advice(failure: TaskFailure | undefined): string {
  return failure ? phraseText(failureRemediation(failure)) : '';
}
