// Normalizes OpenAI's x-ratelimit-* headers (also sent by some compatible servers and proxies).
import type { RateLimitSnapshot } from '../../core/domain/chatProvider';
import { compactRateLimits, readCountHeader } from '../http/compactRateLimits';
import { parseGoDurationMs } from '../http/goDuration';

/** The snapshot, or undefined when the response carried none of the headers. */
export function readOpenAiRateLimits(headers: Headers): RateLimitSnapshot | undefined {
  return compactRateLimits({
    limitRequests: readCountHeader(headers, 'x-ratelimit-limit-requests'),
    remainingRequests: readCountHeader(headers, 'x-ratelimit-remaining-requests'),
    limitTokens: readCountHeader(headers, 'x-ratelimit-limit-tokens'),
    remainingTokens: readCountHeader(headers, 'x-ratelimit-remaining-tokens'),
    resetRequestsMs: parseGoDurationMs(headers.get('x-ratelimit-reset-requests')),
    resetTokensMs: parseGoDurationMs(headers.get('x-ratelimit-reset-tokens')),
  });
}
