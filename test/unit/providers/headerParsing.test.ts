import { strict as assert } from 'node:assert';
import { parseGoDurationMs } from '../../../src/providers/http/goDuration';
import { readOpenAiRateLimits } from '../../../src/providers/openai/openAiRateLimits';
import { parseRetryAfterMs } from '../../../src/providers/http/retryAfter';

describe('parseGoDurationMs', () => {
  const cases: [string, number | undefined][] = [
    ['6m0s', 360_000],
    ['12ms', 12],
    ['1s', 1000],
    ['2m59.56s', 179_560],
    ['1h2m3s', 3_723_000],
    ['500us', 0.5],
    ['0s', 0],
    ['20', 20_000],
    ['0.5', 500],
    ['-1', undefined],
    ['', undefined],
    ['soon', undefined],
    ['5x', undefined],
    ['1s garbage', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}" → ${String(expected)}`, () => assert.equal(parseGoDurationMs(input), expected));
  }
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const h = (init: Record<string, string>): Headers => new Headers(init);
  it('prefers retry-after-ms (float ms)', () => assert.equal(parseRetryAfterMs(h({ 'retry-after-ms': '250.5', 'retry-after': '3' }), now), 250.5));
  it('reads retry-after seconds', () => assert.equal(parseRetryAfterMs(h({ 'retry-after': '3' }), now), 3000));
  it('reads retry-after as an HTTP date', () => assert.equal(parseRetryAfterMs(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:20 GMT' }), now), 20_000));
  it('treats a past date as "now"', () => assert.equal(parseRetryAfterMs(h({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now), 0));
  it('consults retry-after when retry-after-ms is 0, and keeps 0 as a last resort', () => {
    assert.equal(parseRetryAfterMs(h({ 'retry-after-ms': '0', 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfterMs(h({ 'retry-after-ms': '0' }), now), 0);
  });
  it('ignores garbage', () => {
    assert.equal(parseRetryAfterMs(h({ 'retry-after-ms': 'abc', 'retry-after': 'later' }), now), undefined);
    assert.equal(parseRetryAfterMs(h({ 'retry-after': '-5' }), now), undefined);
    assert.equal(parseRetryAfterMs(h({}), now), undefined);
  });
});

describe('readOpenAiRateLimits', () => {
  it('returns undefined when no header is present', () => assert.equal(readOpenAiRateLimits(new Headers({ 'content-type': 'x' })), undefined));
  it('keeps only parseable figures (Azure-style -1 is dropped)', () => {
    assert.deepEqual(readOpenAiRateLimits(new Headers({ 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '-1', 'x-ratelimit-limit-tokens': 'n/a' })), { remainingRequests: 5 });
  });
});
