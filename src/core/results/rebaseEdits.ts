// Carries edits computed against the text at launch over to the text as it is now. An edit moves
// only when every line it touches (and, for an insertion, the lines on both sides of it) is
// unchanged and in one piece in the current text; then the same characters are replaced at their
// new offsets. Anything else overlaps the user's own changes and is reported, never guessed.
import { diffArrays } from 'diff';
import { lineOffsets, splitLines, type TextEdit } from './lineHunks';

export interface RebaseResult<E extends TextEdit> {
  /** Edits moved onto the current text, with the original edit they came from. */
  readonly mapped: readonly { readonly original: E; readonly edit: TextEdit }[];
  /** Edits that touch lines the user changed since launch. */
  readonly conflicts: readonly E[];
}

interface EqualRun {
  readonly before: number;
  readonly after: number;
  readonly count: number;
}

export function rebaseEdits<E extends TextEdit>(original: string, current: string, edits: readonly E[]): RebaseResult<E> {
  if (original === current) return { mapped: edits.map((e) => ({ original: e, edit: { start: e.start, end: e.end, text: e.text } })), conflicts: [] };
  const a = splitLines(original);
  const b = splitLines(current);
  const runs = equalRuns(diffArrays(a, b, { timeout: 2_000 }));
  const aOff = lineOffsets(a);
  const bOff = lineOffsets(b);
  const mapped: { original: E; edit: TextEdit }[] = [];
  const conflicts: E[] = [];
  for (const e of edits) {
    const [first, last] = touchedLines(e, aOff, a.length);
    const run = runs.find((r) => first >= r.before && last < r.before + r.count);
    // An insertion at the very end also needs the end to be where it was.
    const atEnd = e.start === original.length && e.end === original.length;
    const endKept = !atEnd || (run !== undefined && run.before + run.count === a.length && run.after + run.count === b.length);
    if (!run || !endKept || a.length === 0) {
      conflicts.push(e);
      continue;
    }
    const delta = bOff[run.after]! - aOff[run.before]!;
    mapped.push({ original: e, edit: { start: e.start + delta, end: e.end + delta, text: e.text } });
  }
  return { mapped, conflicts };
}

/** The unchanged runs of lines, or none at all when the diff gave up (everything conflicts). */
function equalRuns(changes: readonly { added: boolean; removed: boolean; count: number }[] | undefined): EqualRun[] {
  if (!changes) return [];
  const runs: EqualRun[] = [];
  let ai = 0;
  let bi = 0;
  for (const c of changes) {
    if (!c.added && !c.removed) runs.push({ before: ai, after: bi, count: c.count });
    if (!c.added) ai += c.count;
    if (!c.removed) bi += c.count;
  }
  return runs;
}

/** First and last line (inclusive) an edit depends on. */
function touchedLines(e: TextEdit, offsets: readonly number[], lineCount: number): [number, number] {
  const lineOf = (offset: number): number => {
    // The last line whose start is at or before offset.
    let lo = 0;
    let hi = lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  };
  const first = lineOf(e.start);
  const last = e.end > e.start ? lineOf(e.end - 1) : first;
  // An insertion at a line start sits between two lines: both must be unchanged.
  if (e.end === e.start && e.start > 0 && offsets[first] === e.start) return [first - 1, Math.min(last, lineCount - 1)];
  return [first, Math.min(last, lineCount - 1)];
}
