// Normalizes anthropic-ratelimit-* headers. Resets are RFC 3339 timestamps (not durations), turned
// into "ms from now". The snapshot has one token budget: the combined `tokens-*` headers when sent,
// else the input-token budget, which is what long prompts exhaust first.
import type { RateLimitSnapshot } from '../../core/domain/chatProvider';
import { compactRateLimits, readCountHeader } from '../http/compactRateLimits';

export function readAnthropicRateLimits(headers: Headers, nowMs: number = Date.now()): RateLimitSnapshot | undefined {
  const tokens = headers.has('anthropic-ratelimit-tokens-limit') || headers.has('anthropic-ratelimit-tokens-remaining') ? 'tokens' : 'input-tokens';
  const snapshot = compactRateLimits({
    limitRequests: readCountHeader(headers, 'anthropic-ratelimit-requests-limit'),
    remainingRequests: readCountHeader(headers, 'anthropic-ratelimit-requests-remaining'),
    limitTokens: readCountHeader(headers, `anthropic-ratelimit-${tokens}-limit`),
    remainingTokens: readCountHeader(headers, `anthropic-ratelimit-${tokens}-remaining`),
    resetRequestsMs: msUntil(headers.get('anthropic-ratelimit-requests-reset'), nowMs),
    resetTokensMs: msUntil(headers.get(`anthropic-ratelimit-${tokens}-reset`), nowMs),
  });
  return snapshot && tokens === 'input-tokens' && snapshot.limitTokens !== undefined ? { ...snapshot, inputTokensOnly: true } : snapshot;
}

function msUntil(timestamp: string | null, nowMs: number): number | undefined {
  if (!timestamp) return undefined;
  const at = Date.parse(timestamp);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
