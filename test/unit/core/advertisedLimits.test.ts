import { strict as assert } from 'node:assert';
import { advertisedLimits } from '../../../src/core/limits/advertisedLimits';

describe('Limits advertised in rate-limit headers', () => {
  it('adopts a limit whose own reset arithmetic says its window is a minute', () => {
    // OpenAI at 5,000 RPM: one request used refills in 12 ms (60 s / 5,000).
    assert.deepEqual(advertisedLimits({ limitRequests: 5_000, remainingRequests: 4_999, resetRequestsMs: 12 }), { requestsPerMinute: 5_000 });
    // 400,000 TPM with 300 tokens used: 45 ms to refill.
    assert.deepEqual(advertisedLimits({ limitTokens: 400_000, remainingTokens: 399_700, resetTokensMs: 45 }), { tokensPerMinute: 400_000 });
  });

  it('ignores per-day counts and per-second limits sent in the same headers', () => {
    // Groq's requests header counts per day: one used of 14,400 refills in 6 s, a 24-hour window.
    assert.deepEqual(advertisedLimits({ limitRequests: 14_400, remainingRequests: 14_399, resetRequestsMs: 6_000 }), {});
    // 10 per second: one used refills in 100 ms, a 1 s window; read as per-minute it would pace 60× too slowly.
    assert.deepEqual(advertisedLimits({ limitRequests: 10, remainingRequests: 9, resetRequestsMs: 100 }), {});
  });

  it('proves nothing when nothing is used, a figure is missing or the reset is zero', () => {
    assert.deepEqual(advertisedLimits({ limitRequests: 60, remainingRequests: 60, resetRequestsMs: 0 }), {});
    assert.deepEqual(advertisedLimits({ limitRequests: 60, remainingRequests: 59 }), {});
    assert.deepEqual(advertisedLimits({ remainingTokens: 10, resetTokensMs: 5 }), {});
    assert.deepEqual(advertisedLimits({ limitRequests: 60, remainingRequests: 59, resetRequestsMs: 0 }), {});
  });

  it('does not pace total tokens against an input-tokens-only budget (Anthropic ITPM)', () => {
    const snapshot = { limitRequests: 50, remainingRequests: 49, resetRequestsMs: 1_200, limitTokens: 30_000, remainingTokens: 29_000, resetTokensMs: 2_000, inputTokensOnly: true };
    assert.deepEqual(advertisedLimits(snapshot), { requestsPerMinute: 50 });
    assert.deepEqual(advertisedLimits({ ...snapshot, inputTokensOnly: false }), { requestsPerMinute: 50, tokensPerMinute: 30_000 });
  });
});
