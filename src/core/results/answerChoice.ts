// Which part of an answer an action uses: its one code block, one the user picks among several, or
// the whole answer when it has none. Every action says which it used (`describeChoice`).
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
export function describeChoice(choice: Exclude<AnswerChoice, { kind: 'several' }>): string {
  if (choice.kind === 'whole') return 'the whole answer (it has no code block)';
  const lang = choice.block.language ? ` (${choice.block.language})` : '';
  const cut = choice.block.closed ? '' : ', cut off before its end';
  return choice.of === 1 ? `its code block${lang}${cut}` : `code block ${choice.block.index + 1} of ${choice.of}${lang}${cut}`;
}

/** The text an action inserts. */
export function choiceText(choice: Exclude<AnswerChoice, { kind: 'several' }>): string {
  return choice.kind === 'whole' ? choice.text : choice.block.code;
}

/** A short label for a block in a picker: "1 · typescript · 12 lines — export function …". */
export function blockLabel(block: CodeBlock): string {
  const first = block.code.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const preview = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return `${block.index + 1} · ${block.language || 'plain text'} · ${block.lineCount} line${block.lineCount === 1 ? '' : 's'}${preview ? ` — ${preview}` : ''}`;
}
