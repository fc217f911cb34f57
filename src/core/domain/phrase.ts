// What src/core (and the provider clients) hand to the adapters instead of an English sentence: an
// id and its arguments. The adapters turn a phrase into words through l10n (src/views/format/
// phraseText.ts), so a translation reaches every message the engine produces, and a phrase that
// is stored (a failure in history, a task's status line) is shown in the language of the window
// that reads it, not the one that wrote it. Phrases are plain JSON: they cross postMessage and
// land in the history file unchanged.
import type { PhraseArgs, PhraseCatalog } from './phrases/phraseCatalog';

/** An argument: a value the sentence shows as it is, or another phrase it puts into words first. */
export type PhraseArg = string | number | Phrase;

export type PhraseKey = keyof PhraseCatalog;

/** One message of the catalog with the arguments its sentence needs. */
export type PhraseOf<K extends PhraseKey> = { readonly key: K; readonly args: PhraseCatalog[K] };

/** Any message of the catalog. */
export type Phrase = { [K in PhraseKey]: PhraseOf<K> }[PhraseKey];

export function phrase<K extends PhraseKey>(key: K, args: PhraseCatalog[K]): PhraseOf<K> {
  return { key, args };
}

/**
 * Text that is not ours to translate, shown as it came: a provider's own error message, a file
 * path, a record written before phrases existed.
 */
export function verbatim(text: string): PhraseOf<'verbatim'> {
  return { key: 'verbatim', args: { text } };
}

/**
 * Writes a phrase in words: what core takes from the adapter (their phraseText) where it must keep
 * text rather than a phrase (a stored output's cut marker, an export's document, a renamed title).
 */
export type PhraseWords = (p: Phrase) => string;

/** The language-neutral form, for log lines and tests: "key(arg, arg)". Never shown to a person. */
export function phraseId(p: Phrase): string {
  if (p.key === 'verbatim') return p.args.text;
  const args = Object.values(p.args as PhraseArgs).map((a) => (typeof a === 'object' ? phraseId(a) : String(a)));
  return `${p.key}(${args.join(', ')})`;
}

/**
 * The same phrase with every text argument passed through `map` (nested phrases too): how a key
 * is blanked out of a failure before it is stored or shown. Numbers and ids stay as they are.
 */
export function mapPhraseText<P extends Phrase>(p: P, map: (text: string) => string): P {
  const args = Object.fromEntries(Object.entries(p.args as PhraseArgs).map(([name, a]) => [name, typeof a === 'string' ? map(a) : typeof a === 'number' ? a : mapPhraseText(a, map)]));
  return { key: p.key, args } as P;
}
