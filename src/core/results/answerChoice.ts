// Which part of an answer an action uses: its one code block, one the user picks among several, or
// the whole answer when it has none. Every action says which it used (`describeChoice`).
import { phrase, type Phrase } from '../domain/phrase';
import { fencedBlocks, type CodeBlock } from './fencedBlocks';

export type AnswerChoice =
  | { readonly kind: 'block'; readonly block: CodeBlock; readonly of: number }
  | { readonly kind: 'whole'; readonly text: string }
  /** Several blocks: the caller asks which (or, in a batch, reports that it could not choose). */
  | { readonly kind: 'several'; readonly blocks: readonly CodeBlock[] };

/** `pick` chooses a block by index when the caller already knows which one. */
export function chooseAnswer(output: string, pick?: number): AnswerChoice {
  const blocks = fencedBlocks(output);
  if (pick !== undefined && blocks[pick]) return { kind: 'block', block: blocks[pick], of: blocks.length };
  if (blocks.length === 1) return { kind: 'block', block: blocks[0]!, of: 1 };
  if (blocks.length > 1) return { kind: 'several', blocks };
  return { kind: 'whole', text: output.trim() };
}

/** "the typescript code block", "code block 2 of 3 (python)", "the whole answer (no code block)". */
export function describeChoice(choice: Exclude<AnswerChoice, { kind: 'several' }>): Phrase {
  if (choice.kind === 'whole') return phrase('result.choice.whole', {});
  const language = choice.block.language;
  const cut = choice.block.closed ? '' : phrase('result.choice.cutOff', {});
  if (choice.of === 1) return language ? phrase('result.choice.onlyBlockOfLanguage', { language, cut }) : phrase('result.choice.onlyBlock', { cut });
  const index = choice.block.index + 1;
  return language ? phrase('result.choice.blockOfLanguage', { index, of: choice.of, language, cut }) : phrase('result.choice.block', { index, of: choice.of, cut });
}

/** The text an action inserts. */
export function choiceText(choice: Exclude<AnswerChoice, { kind: 'several' }>): string {
  return choice.kind === 'whole' ? choice.text : choice.block.code;
}

/** A short label for a block in a picker: "1 · typescript · 12 lines — export function …". */
export function blockLabel(block: CodeBlock): Phrase {
  const first = block.code.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const preview = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  const language = block.language || phrase('result.block.plainText', {});
  const index = block.index + 1;
  return block.lineCount === 1 ? phrase('result.block.labelOneLine', { index, language, preview }) : phrase('result.block.label', { index, language, lines: block.lineCount, preview });
}
