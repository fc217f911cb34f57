// A task's status line counts down every second ("retrying in 3s (attempt 2 of 3): HTTP 503").
// What a screen reader is given must not change with each second, or the same line is read out
// again and again: this is the line without its countdown ("retrying (attempt 2 of 3): HTTP 503").

/** The status line without its changing seconds: "in 3s", ", 3s" and "3s" go. */
export function withoutCountdown(text: string): string {
  return text
    .replace(/(?:,|\s+in)?\s+\d+(?:\.\d+)?s\b/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
