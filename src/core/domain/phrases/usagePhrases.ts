// Phrases of counting and limiting: how a prompt's tokens were counted, and what a provider limit
// in the settings should have been.
import type { NoArgs } from './commonPhrases';

export interface UsagePhrases {
  /** What counted a prompt's tokens (TokenCount.source; a provider's own counting is named by its label). */
  readonly 'count.estimate': NoArgs;
  readonly 'count.tokenizer': { readonly encoding: string };
  /** What an entry of "aiTaskQueue.providerLimits" should have been, in "…, which is not <this>". */
  readonly 'limits.expected.object': NoArgs;
  readonly 'limits.expected.knownLimit': { readonly fields: string };
  readonly 'limits.expected.positive': NoArgs;
}
