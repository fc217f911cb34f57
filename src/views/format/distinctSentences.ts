// A failure is described by its message, its class's advice and the next step, written in three
// places; side by side they often repeat a sentence ("…; the partial output was kept.") or say the
// same in other words. This keeps each sentence once: the first text to say it keeps it.

/** Each of `texts` without the sentences (or "; " clauses) already said by `shown` or an earlier text. */
export function distinctSentences(texts: readonly string[], shown = ''): string[] {
  const said = clauses(shown).map(words);
  return texts.map((text) => {
    const kept = clauses(text).filter((clause) => {
      const w = words(clause);
      if (w.size === 0 || said.some((s) => similar(s, w))) return false;
      said.push(w);
      return true;
    });
    return joinClauses(kept);
  });
}

/** Sentences, and the clauses of a sentence joined by "; ", each with its own ending stripped. */
function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|;\s+/)
    .map((c) => c.trim().replace(/[.;]+$/, ''))
    .filter((c) => c.length > 0);
}

function joinClauses(kept: readonly string[]): string {
  if (kept.length === 0) return '';
  return `${kept.map((c) => c.charAt(0).toUpperCase() + c.slice(1)).join('. ')}.`;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Most of the words in common (Jaccard ≥ 0.6): the same advice in other words. */
function similar(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  return common / (a.size + b.size - common) >= 0.6;
}
