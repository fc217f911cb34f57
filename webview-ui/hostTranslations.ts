// The page's words in the display language: the host put VS Code's translation bundle into the
// page (src/shared/l10nBundle.ts); @vscode/l10n must have it before the first l10n.t, so each entry
// point calls this first. Without a bundle (English) every message stays as written.
import * as l10n from '@vscode/l10n';
import { L10N_BUNDLE_ELEMENT_ID, parseL10nBundle } from '../src/shared/l10nBundle';

/** Gives @vscode/l10n the page's bundle; returns whether there was one. */
export function useHostTranslations(doc: Document): boolean {
  const contents = parseL10nBundle(doc.getElementById(L10N_BUNDLE_ELEMENT_ID)?.textContent);
  if (!contents) return false;
  l10n.config({ contents });
  return true;
}
