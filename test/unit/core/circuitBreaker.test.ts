import { strict as assert } from 'node:assert';
import { availabilityOutcome, CircuitBreaker } from '../../../src/core/limits/circuitBreaker';
import { failure } from '../../../src/core/domain/failureClassifier';
import { ManualClock } from '../helpers/manualClock';
import { verbatim } from '../../../src/core/domain/phrase';

function setup(): { clock: ManualClock; breaker: CircuitBreaker; changes: string[] } {
  const clock = new ManualClock();
  const breaker = new CircuitBreaker(clock, { failureThreshold: 3, coolDownMs: 10_000 });
  const changes: string[] = [];
  breaker.onChange(() => changes.push(breaker.currentState));
  return { clock, breaker, changes };
}

function failTimes(breaker: CircuitBreaker, n: number): void {
  for (let i = 0; i < n; i++) breaker.record(breaker.tryEnter()!, 'failure', verbatim(`boom ${i}`));
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive availability failures, not before', () => {
    const { breaker } = setup();
    failTimes(breaker, 2);
    assert.equal(breaker.currentState, 'closed');
    failTimes(breaker, 1);
    assert.equal(breaker.currentState, 'open');
    assert.equal(breaker.tryEnter(), undefined);
    assert.deepEqual(breaker.lastFailure, verbatim('boom 0'));
  });

  it('a success resets the run of failures; neutral outcomes neither count nor reset', () => {
    const { breaker } = setup();
    failTimes(breaker, 2);
    breaker.record(breaker.tryEnter()!, 'success');
    failTimes(breaker, 2);
    assert.equal(breaker.currentState, 'closed');
    breaker.record(breaker.tryEnter()!, 'neutral');
    failTimes(breaker, 1);
    assert.equal(breaker.currentState, 'open', 'a 4xx in between does not reset the run');
  });

  it('after the cool-down lets exactly one probe through; its success closes the breaker', () => {
    const { breaker, clock, changes } = setup();
    failTimes(breaker, 3);
    const verdict = breaker.verdict();
    assert.deepEqual(verdict, { kind: 'wait', probeAt: clock.now() + 10_000 });
    clock.advance(10_000);
    assert.deepEqual(breaker.verdict(), { kind: 'proceed' });
    const probe = breaker.tryEnter()!;
    assert.equal(probe.probe, true);
    assert.equal(breaker.tryEnter(), undefined, 'only one probe at a time');
    assert.deepEqual(breaker.verdict(), { kind: 'wait' }, 'waiters see a probe in flight');
    breaker.record(probe, 'success');
    assert.equal(breaker.currentState, 'closed');
    assert.deepEqual(changes, ['open', 'closed']);
  });

  it('a failed probe opens it again for a full cool-down; an inconclusive one frees the probe slot', () => {
    const { breaker, clock } = setup();
    failTimes(breaker, 3);
    clock.advance(10_000);
    breaker.record(breaker.tryEnter()!, 'neutral');
    assert.equal(breaker.currentState, 'halfOpen');
    const probe = breaker.tryEnter()!;
    assert.equal(probe.probe, true);
    clock.advance(500);
    breaker.record(probe, 'failure');
    assert.equal(breaker.currentState, 'open');
    assert.deepEqual(breaker.verdict(), { kind: 'wait', probeAt: clock.now() + 10_000 });
  });

  it('ignores failures of stragglers that started before it opened, but closes on their success', () => {
    const { breaker } = setup();
    const straggler = breaker.tryEnter()!;
    failTimes(breaker, 3);
    breaker.record(straggler, 'failure');
    assert.equal(breaker.currentState, 'open');
    breaker.record(straggler, 'success');
    assert.equal(breaker.currentState, 'closed');
  });

  it('counts server, overload, network and stall failures; not auth, configuration, bad request, quota, rate limits or our own deadline', () => {
    for (const code of ['SERVER_ERROR', 'OVERLOADED', 'NETWORK'] as const) assert.equal(availabilityOutcome(failure(code, verbatim('x'))), 'failure', code);
    assert.equal(availabilityOutcome(failure('TIMEOUT', verbatim('x'), { limit: 'idle' })), 'failure');
    assert.equal(availabilityOutcome(failure('TIMEOUT', verbatim('x'), { limit: 'total' })), 'neutral');
    for (const code of ['AUTH', 'CONFIG', 'BAD_REQUEST', 'QUOTA_EXHAUSTED', 'RATE_LIMITED', 'CANCELLED', 'CONTEXT_TOO_LONG'] as const) {
      assert.equal(availabilityOutcome(failure(code, verbatim('x'))), 'neutral', code);
    }
    assert.equal(availabilityOutcome(undefined), 'success');
  });
});
