// Base URLs appear in error messages; a URL may carry credentials or a key in its query string,
// so only scheme, host, port and path are ever shown.

import { phrase, type PhraseArg } from '../../core/domain/phrase';

/** The URL as text, or (for one that does not parse) a phrase that says so without quoting it. */
export function displayUrl(url: string): PhraseArg {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return phrase('provider.invalidUrl', {});
  }
}
