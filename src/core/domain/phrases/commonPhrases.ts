// Phrases every concern uses.
export interface CommonPhrases {
  /** Text that is not ours to translate (a provider's own message, a legacy record): shown as it is. */
  readonly verbatim: { readonly text: string };
}
