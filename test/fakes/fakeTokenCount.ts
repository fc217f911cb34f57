// A deterministic stand-in for a tokenizer (≈ 4 characters per token), so tests can predict the
// usage a fake reports.

export function fakeTokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}
