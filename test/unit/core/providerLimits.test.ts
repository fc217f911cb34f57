import { strict as assert } from 'node:assert';
import { parseProviderLimits } from '../../../src/core/limits/providerLimits';

describe('parseProviderLimits', () => {
  it('keeps valid fields, rounds concurrency down and drops anything malformed', () => {
    assert.deepEqual(
      parseProviderLimits({
        openai: { concurrency: 4.7, requestsPerMinute: 500, tokensPerMinute: 30_000 },
        anthropic: { concurrency: 0, requestsPerMinute: -1, tokensPerMinute: 'lots' },
        ollama: { concurrency: 1, extra: true },
        broken: 7,
      }),
      { openai: { concurrency: 4, requestsPerMinute: 500, tokensPerMinute: 30_000 }, ollama: { concurrency: 1 } },
    );
    assert.deepEqual(parseProviderLimits(null), {});
    assert.deepEqual(parseProviderLimits([1, 2]), {});
  });
});
