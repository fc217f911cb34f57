// The server-requested delay, read the way both official SDKs read it: retry-after-ms first, then
// retry-after as seconds or an HTTP date. Sanity windows (e.g. openai-node's 0–60 s) belong to the
// retry policy, not here, so any finite value is reported; a date in the past means "now".

/** Milliseconds the server asked us to wait, or undefined when it did not say. */
export function parseRetryAfterMs(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const msHeader = headers.get('retry-after-ms');
  const ms = msHeader === null ? undefined : parseNonNegativeNumber(msHeader);
  // Anthropic's SDK consults retry-after when retry-after-ms is 0, so a 0 only wins as a last resort.
  if (ms !== undefined && ms > 0) return ms;
  const after = headers.get('retry-after');
  if (after !== null) {
    const seconds = parseNonNegativeNumber(after);
    if (seconds !== undefined) return seconds * 1000;
    // Date.parse accepts bare numbers like "-5" as years; an HTTP date always names a month.
    const date = /[a-z]/i.test(after) ? Date.parse(after) : Number.NaN;
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  return ms;
}

function parseNonNegativeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
