// Where streamed markdown can be cut so the part before the cut never needs rendering again.
// Re-rendering a whole long answer on every chunk is quadratic; instead the output view renders
// the text up to the last safe cut once, and re-renders only the tail. No DOM: tested in Node.
//
// A cut is safe at the start of a line that follows a blank line, is outside a fenced code block
// and is not indented (an indented line after a blank line may still belong to a list item, or
// be an indented code block that continues).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

/**
 * The last safe cut at or after `from` (which must itself be a safe cut, or 0), or `from` when
 * there is none yet. The text before the returned index is a sequence of complete blocks.
 */
export function stableBoundary(text: string, from: number): number {
  let cut = from;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = false;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    // The last line may still be growing, but a cut before it only needs its first character.
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (!fence && previousBlank && lineStart > from && /^\S/.test(line)) cut = lineStart;
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.char && marker.length >= fence.length && BLANK.test(line.slice(line.indexOf(marker) + marker.length))) {
        fence = undefined;
      }
    } else if (marker && !(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      fence = { char: marker[0] ?? '`', length: marker.length };
    }
    previousBlank = !fence && BLANK.test(line);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return cut;
}
