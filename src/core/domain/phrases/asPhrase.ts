// A failure's message and remediation are strings today and become phrases when core/domain's own
// step of issue 15 lands; code that passes them on takes either, so it compiles before and after.
import { verbatim, type Phrase } from '../phrase';

/** A phrase as it is; a string (not ours, or not converted yet) as verbatim text. */
export function asPhrase(text: string | Phrase): Phrase {
  return typeof text === 'string' ? verbatim(text) : text;
}
