// What core/results says: which part of an answer an action used, a code block in a picker, why a
// selection could not be replaced, and a batch's progress.
import type { PhraseArg } from '../phrase';

type None = Record<string, never>;

export interface ResultPhrases {
  readonly 'result.choice.whole': None;
  /** `cut` is "" or 'result.choice.cutOff'. */
  readonly 'result.choice.onlyBlock': { readonly cut: PhraseArg };
  readonly 'result.choice.onlyBlockOfLanguage': { readonly language: string; readonly cut: PhraseArg };
  readonly 'result.choice.block': { readonly index: number; readonly of: number; readonly cut: PhraseArg };
  readonly 'result.choice.blockOfLanguage': { readonly index: number; readonly of: number; readonly language: string; readonly cut: PhraseArg };
  readonly 'result.choice.cutOff': None;
  /** `preview` is "" or the block's first line. */
  readonly 'result.block.label': { readonly index: number; readonly language: PhraseArg; readonly lines: number; readonly preview: string };
  readonly 'result.block.labelOneLine': { readonly index: number; readonly language: PhraseArg; readonly preview: string };
  readonly 'result.block.plainText': None;
  readonly 'result.selection.unverifiable': None;
  readonly 'result.selection.edited': None;
  readonly 'result.selection.gone': None;
  readonly 'result.selection.ambiguous': { readonly count: number };
  readonly 'result.batch.done': { readonly done: number; readonly total: number };
  readonly 'result.batch.failed': { readonly count: number };
  readonly 'result.batch.cancelled': { readonly count: number };
}
