// The fenced code blocks of a markdown answer (``` or ~~~, CommonMark's rules for what closes a
// fence), so an action can use the code rather than the prose around it.

export interface CodeBlock {
  /** 0-based position among the answer's blocks. */
  readonly index: number;
  /** The info string's first word in lower case ("ts", "python"), '' when the fence names none. */
  readonly language: string;
  /** The lines between the fences, joined with '\n', without a final newline. */
  readonly code: string;
  readonly lineCount: number;
  /** False when the answer ended inside the block (a cut-off answer). */
  readonly closed: boolean;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

interface OpenFence {
  readonly indent: number;
  readonly char: string;
  readonly length: number;
  readonly language: string;
  readonly body: string[];
}

/** "ts", "typescript:src/a.ts" → "typescript", "{.python}" → "python", `ts title="x"` → "ts". */
export function fenceLanguage(info: string): string {
  const word = info.trim().split(/\s+/, 1)[0] ?? '';
  return word.replace(/^\{\.?/, '').replace(/\}$/, '').split(':', 1)[0]!.toLowerCase();
}

export function fencedBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: OpenFence | undefined;
  const finish = (fence: OpenFence, closed: boolean): void => {
    blocks.push({ index: blocks.length, language: fence.language, code: fence.body.join('\n'), lineCount: fence.body.length, closed });
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (!open) {
      const m = OPEN.exec(line);
      const marker = m?.[2];
      // A backtick fence's info string may not contain backticks (it would be inline code).
      if (m && marker && !(marker[0] === '`' && (m[3] ?? '').includes('`'))) {
        open = { indent: (m[1] ?? '').length, char: marker[0]!, length: marker.length, language: fenceLanguage(m[3] ?? ''), body: [] };
      }
      continue;
    }
    const close = CLOSE.exec(line)?.[1];
    if (close && close[0] === open.char && close.length >= open.length) {
      finish(open, true);
      open = undefined;
      continue;
    }
    // Content lines lose up to the opening fence's indentation, as CommonMark renders them.
    const strip = Math.min(open.indent, line.length - line.trimStart().length);
    open.body.push(line.slice(strip));
  }
  if (open) finish(open, false);
  return blocks;
}
