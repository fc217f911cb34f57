// Phrases of counting and limiting: how a prompt's tokens were counted, what a provider limit in
// the settings should have been, and how much of an output the history did not keep.
import type { NoArgs } from './commonPhrases';

export interface UsagePhrases {
  /** What counted a prompt's tokens (TokenCount.source; a provider's own counting is named by its label). */
  readonly 'count.estimate': NoArgs;
  readonly 'count.tokenizer': { readonly encoding: string };
  /** What an entry of "aiTaskQueue.providerLimits" should have been, in "…, which is not <this>". */
  readonly 'limits.expected.object': NoArgs;
  readonly 'limits.expected.knownLimit': { readonly fields: string };
  readonly 'limits.expected.positive': NoArgs;
  /** The marker that ends an output cut by the history store. */
  readonly 'history.outputCut': { readonly chars: number };
}
