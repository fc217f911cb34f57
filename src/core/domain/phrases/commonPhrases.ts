// Phrases every concern uses.

/** The arguments of a phrase that needs none. */
export type NoArgs = { readonly [name: string]: never };

export interface CommonPhrases {
  /** Text that is not ours to translate (a provider's own message, a legacy record): shown as it is. */
  readonly verbatim: { readonly text: string };
}
