// A line diff as a list of hunks, each one a text edit on the "before" text: what the Refactor
// Preview lists with a checkbox, and what "Apply to File" applies (in one undo step). Lines keep
// their terminators, so a changed line ending or a missing final newline is a change too.
import { diffArrays } from 'diff';

export interface TextEdit {
  /** Offsets into the text the edit applies to; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Hunk extends TextEdit {
  /** 0-based first line of the hunk in the before text, and how many lines it replaces. */
  readonly beforeLine: number;
  readonly beforeCount: number;
  /** 0-based first line in the after text, and how many lines it puts there. */
  readonly afterLine: number;
  readonly afterCount: number;
}

export interface HunkOptions {
  /** Changes with at most this many unchanged lines between them form one hunk (default 2). */
  readonly mergeGap?: number;
  /** Gives up diffing after this long and returns one hunk for the whole text (default 2 s). */
  readonly timeoutMs?: number;
}

/** Lines with their terminators ("a\n", "b\r\n", "last"); '' has none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** offsets[i] = where line i starts; offsets[lines.length] = the text's length. */
export function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1]! + line.length);
  return offsets;
}

interface RawHunk {
  beforeLine: number;
  beforeCount: number;
  afterLine: number;
  afterCount: number;
}

export function lineHunks(before: string, after: string, options: HunkOptions = {}): Hunk[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const changes = diffArrays(a, b, { timeout: options.timeoutMs ?? 2_000 });
  const raw: RawHunk[] = changes ? rawHunks(changes) : [{ beforeLine: 0, beforeCount: a.length, afterLine: 0, afterCount: b.length }];
  const merged = mergeClose(raw, options.mergeGap ?? 2);
  const aOff = lineOffsets(a);
  const bOff = lineOffsets(b);
  return merged.map((h) => ({
    ...h,
    start: aOff[h.beforeLine]!,
    end: aOff[h.beforeLine + h.beforeCount]!,
    text: after.slice(bOff[h.afterLine], bOff[h.afterLine + h.afterCount]),
  }));
}

function rawHunks(changes: readonly { added: boolean; removed: boolean; count: number }[]): RawHunk[] {
  const hunks: RawHunk[] = [];
  let ai = 0;
  let bi = 0;
  let current: RawHunk | undefined;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (current) hunks.push(current);
      current = undefined;
      ai += change.count;
      bi += change.count;
      continue;
    }
    current ??= { beforeLine: ai, beforeCount: 0, afterLine: bi, afterCount: 0 };
    if (change.removed) {
      current.beforeCount += change.count;
      ai += change.count;
    } else {
      current.afterCount += change.count;
      bi += change.count;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}

function mergeClose(hunks: readonly RawHunk[], gap: number): RawHunk[] {
  const out: RawHunk[] = [];
  for (const h of hunks) {
    const last = out[out.length - 1];
    if (last && h.beforeLine - (last.beforeLine + last.beforeCount) <= gap) {
      last.beforeCount = h.beforeLine + h.beforeCount - last.beforeLine;
      last.afterCount = h.afterLine + h.afterCount - last.afterLine;
    } else out.push({ ...h });
  }
  return out;
}

/** The text with edits applied (edits must not overlap; any order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('applyTextEdits: overlapping edits');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
