import { strict as assert } from 'node:assert';
import { AdaptiveConcurrency, lowHeadroom } from '../../../src/core/limits/adaptiveConcurrency';

describe('AdaptiveConcurrency', () => {
  it('halves from what was in flight and recovers one slot per window of successes', () => {
    const c = new AdaptiveConcurrency(8);
    assert.equal(c.onCongestion(0, 10, 8), true);
    assert.equal(c.value, 4);
    const steps: number[] = [];
    for (let i = 0; i < 30 && c.reduced; i++) {
      c.onSuccess();
      steps.push(c.value);
    }
    // 4 successes to reach 5, 5 more to reach 6, …: additive, not a jump back to 8.
    assert.deepEqual(steps.slice(0, 4), [4, 4, 4, 5]);
    assert.equal(steps.length, 4 + 5 + 6 + 7);
    assert.equal(c.value, 8);
    assert.equal(c.onSuccess(), false, 'never above the ceiling');
  });

  it('halving an unused allowance starts from the requests actually in flight', () => {
    const c = new AdaptiveConcurrency(64);
    c.onCongestion(0, 1, 3);
    assert.equal(c.value, 1);
  });

  it('ignores congestion reported by attempts that started before the last decrease', () => {
    const c = new AdaptiveConcurrency(16);
    c.onCongestion(100, 200, 16);
    assert.equal(c.value, 8);
    assert.equal(c.onCongestion(150, 210, 8), false, 'sent under the old limit');
    assert.equal(c.value, 8);
    c.onCongestion(250, 260, 8);
    assert.equal(c.value, 4);
  });

  it('keeps a learned lower limit when the ceiling changes, and follows a raised ceiling when not reduced', () => {
    const c = new AdaptiveConcurrency(8);
    c.setCeiling(12);
    assert.equal(c.value, 12);
    c.onCongestion(0, 1, 12);
    c.setCeiling(20);
    assert.equal(c.value, 6);
  });

  it('low headroom counts only in dimensions the pacer does not already govern', () => {
    const low = { limitRequests: 100, remainingRequests: 5, limitTokens: 10_000, remainingTokens: 9_000 };
    assert.equal(lowHeadroom(low, { requests: false, tokens: false }), true);
    assert.equal(lowHeadroom(low, { requests: true, tokens: false }), false);
    assert.equal(lowHeadroom({ limitTokens: 10_000, remainingTokens: 500 }, { requests: true, tokens: false }), true);
    assert.equal(lowHeadroom({ remainingRequests: 0 }, { requests: false, tokens: false }), false, 'no limit reported, no ratio');
  });
});
