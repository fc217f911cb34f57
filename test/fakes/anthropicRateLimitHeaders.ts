// The 12 anthropic-ratelimit-* headers (reference §2.6), resets as RFC 3339 timestamps.

export function anthropicRateLimitHeaders(nowMs: number = Date.now(), resetInMs = 60_000): Record<string, string> {
  const reset = new Date(nowMs + resetInMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers: Record<string, string> = {};
  const budgets: [string, number, number][] = [
    ['requests', 50, 49],
    ['tokens', 100000, 90000],
    ['input-tokens', 80000, 78000],
    ['output-tokens', 20000, 12000],
  ];
  for (const [name, limit, remaining] of budgets) {
    headers[`anthropic-ratelimit-${name}-limit`] = String(limit);
    headers[`anthropic-ratelimit-${name}-remaining`] = String(remaining);
    headers[`anthropic-ratelimit-${name}-reset`] = reset;
  }
  return headers;
}
