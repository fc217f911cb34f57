// Cuts a chunked reply to a character budget, as a max-tokens limit would.

export function cutToChars(chunks: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const piece of chunks) {
    if (used >= limit) break;
    out.push(piece.slice(0, limit - used));
    used += piece.length;
  }
  return out;
}
