// The one wording for "no key": it names the command people run to fix it.
import { phrase, type Phrase } from '../../core/domain/phrase';

export function missingKeyMessage(label: string): Phrase {
  return phrase('provider.missingKey', { provider: label });
}
