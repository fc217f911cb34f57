import { strict as assert } from 'node:assert';
import { countdownSeconds } from '../../../src/core/domain/countdownSeconds';

describe('Countdown seconds', () => {
  it('rounds up, but a tick that fires a millisecond early still shows its own second', () => {
    assert.equal(countdownSeconds(3_000), 3);
    assert.equal(countdownSeconds(2_400), 3);
    assert.equal(countdownSeconds(2_001), 2, 'the 2 s tick fired 1 ms early');
    assert.equal(countdownSeconds(1_001), 1, 'the 1 s tick fired 1 ms early');
  });

  it('never shows 0s while there is still a wait', () => {
    assert.equal(countdownSeconds(30), 1);
    assert.equal(countdownSeconds(0), 1);
  });
});
