import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../../src/core/engine/retryPolicy';
import { verbatim } from '../../../src/core/domain/phrase';

const http = (retryAfterMs?: number): ProviderError =>
  new ProviderError(verbatim('x'), { kind: 'http', providerId: 'p', status: 429, ...(retryAfterMs !== undefined && { retryAfterMs }) });

describe('retryDelayMs', () => {
  it('backs off exponentially from 0.5 s, capped at 8 s, with 75–100 % jitter', () => {
    const noJitter = (): number => 0;
    const fullJitter = (): number => 0.999999;
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n, http(), noJitter)), [500, 1000, 2000, 4000, 8000, 8000]);
    assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 0, http(), fullJitter), 375);
  });

  it('uses the server-requested delay when given, capped by maxWaitMs', () => {
    assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 0, http(3_890), () => 0.5), 3_890);
    assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 0, http(0), () => 0.5), 0);
    assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 0, http(3_600_000), () => 0.5), 60_000);
  });

  it('falls back to backoff for errors without a server delay', () => {
    assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 1, new Error('x'), () => 0), 1000);
  });
});
