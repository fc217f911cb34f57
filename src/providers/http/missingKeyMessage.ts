// The one wording for "no key": it names the command people run to fix it.

export function missingKeyMessage(label: string): string {
  return `No API key is set for ${label}. Run "AI Tasks: Set API Key…" to add one.`;
}
