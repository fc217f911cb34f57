// Decides how an answer goes back into its source, from texts alone (no VS Code here). Never a
// blind overwrite: if the source changed since launch, an edit is moved only where rebaseEdits
// proves it safe; otherwise the plan is a conflict and the caller shows the diff and asks.
import { phrase, type Phrase } from '../domain/phrase';
import { applyTextEdits, lineHunks, splitLines, type Hunk, type TextEdit } from './lineHunks';
import { rebaseEdits } from './rebaseEdits';

/** The whole file as the answer proposes it, already fitted (see fitText). */
export type FileApplyPlan =
  | { readonly kind: 'unchanged' }
  /** `edits` apply to the current text; `moved` when the file changed since launch and every hunk was carried over. */
  | { readonly kind: 'apply'; readonly edits: readonly Hunk[]; readonly moved: boolean; readonly result: string }
  /** Some hunks touch lines the user changed; `mapped` are the others, on the current text. */
  | { readonly kind: 'conflict'; readonly mapped: readonly TextEdit[]; readonly conflicts: number; readonly total: number }
  /** The file changed and its text at launch cannot be recovered (see sourceTextFromPrompt). */
  | { readonly kind: 'noOriginal' };

export function planFileApply(original: string | undefined, current: string, proposed: string): FileApplyPlan {
  if (original === undefined) return { kind: 'noOriginal' };
  if (current === original) {
    const edits = lineHunks(current, proposed);
    return edits.length === 0 ? { kind: 'unchanged' } : { kind: 'apply', edits, moved: false, result: proposed };
  }
  const hunks = lineHunks(original, proposed);
  if (hunks.length === 0) return { kind: 'unchanged' };
  const rebased = rebaseEdits(original, current, hunks);
  const mapped = rebased.mapped.map((m) => m.edit);
  if (rebased.conflicts.length > 0) return { kind: 'conflict', mapped, conflicts: rebased.conflicts.length, total: hunks.length };
  // Moved hunks keep their line counts; only where they start changed.
  const edits = rebased.mapped.map((m): Hunk => ({ ...m.original, start: m.edit.start, end: m.edit.end }));
  return { kind: 'apply', edits, moved: true, result: applyTextEdits(current, mapped) };
}

/** An answer much shorter than a sizeable file is likely a fragment, not the whole new file. */
export function looksLikeFragment(current: string, proposed: string): boolean {
  const before = splitLines(current).length;
  return before > 20 && splitLines(proposed).length < before * 0.4;
}

export interface TrackedRange {
  readonly start: number;
  readonly end: number;
  /** An edit overlapped the range since launch. */
  readonly touched: boolean;
}

export type SelectionPlan =
  | { readonly kind: 'apply'; readonly start: number; readonly end: number; readonly moved: boolean }
  /** `guess` is where the answer would go, for the diff the user decides on. */
  | { readonly kind: 'conflict'; readonly reason: Phrase; readonly guess: { readonly start: number; readonly end: number } };

export interface SelectionFacts {
  readonly current: string;
  /** The selected text at launch, when the prompt still proves it (see sourceTextFromPrompt). */
  readonly original: string | undefined;
  /** The stored range as offsets into the current text (clamped). */
  readonly stored: { readonly start: number; readonly end: number };
  /** The document's version is the one at launch (nothing changed since). */
  readonly sameVersion: boolean;
  /** The range followed through every edit since launch, when the document stayed open. */
  readonly tracked: TrackedRange | undefined;
}

export function planSelectionReplace(f: SelectionFacts): SelectionPlan {
  const at = (r: { start: number; end: number }): string => f.current.slice(r.start, r.end);
  if (f.original === undefined) {
    return { kind: 'conflict', reason: phrase('result.selection.unverifiable', {}), guess: f.tracked ?? f.stored };
  }
  if (f.sameVersion && at(f.stored) === f.original) return { kind: 'apply', ...f.stored, moved: false };
  if (f.tracked) {
    if (f.tracked.touched) return { kind: 'conflict', reason: phrase('result.selection.edited', {}), guess: f.tracked };
    if (at(f.tracked) === f.original) return { kind: 'apply', start: f.tracked.start, end: f.tracked.end, moved: f.tracked.start !== f.stored.start };
  }
  const found = occurrences(f.current, f.original);
  if (found.length === 1) return { kind: 'apply', start: found[0]!, end: found[0]! + f.original.length, moved: found[0] !== f.stored.start };
  if (found.length === 0) return { kind: 'conflict', reason: phrase('result.selection.gone', {}), guess: f.stored };
  const nearest = found.reduce((best, o) => (Math.abs(o - f.stored.start) < Math.abs(best - f.stored.start) ? o : best));
  return { kind: 'conflict', reason: phrase('result.selection.ambiguous', { count: found.length }), guess: { start: nearest, end: nearest + f.original.length } };
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0 && out.length < 100; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}
