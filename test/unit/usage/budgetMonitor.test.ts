import { strict as assert } from 'node:assert';
import { BudgetMonitor, type BudgetLimits } from '../../../src/core/usage/budgetMonitor';
import { localDay, SpendLedger } from '../../../src/core/usage/spendLedger';

const HOUR = 3_600_000;
/** 2026-12-02 23:00 local time in a zone two hours east of UTC (21:00 UTC). */
const LATE_EVENING = Date.UTC(2026, 11, 2, 21, 0, 0);
const EAST_2H = (): number => 120;

function setup(limits: Partial<BudgetLimits>) {
  let now = LATE_EVENING;
  const clock = { now: () => now };
  const current: BudgetLimits = { warnAt: 0.8, ...limits };
  const monitor = new BudgetMonitor({ clock, ledger: new SpendLedger(EAST_2H), limits: () => current });
  return { monitor, advance: (ms: number) => (now += ms), limits: current as { -readonly [K in keyof BudgetLimits]: BudgetLimits[K] } };
}

describe('budgets', () => {
  it('groups spend by the local day, not the UTC one', () => {
    assert.equal(localDay(LATE_EVENING, EAST_2H), '2026-12-02');
    assert.equal(localDay(LATE_EVENING + HOUR, EAST_2H), '2026-12-03');
    assert.equal(localDay(LATE_EVENING + HOUR, () => 0), '2026-12-02');
  });

  it('warns once at the threshold and says once when the day limit is reached', () => {
    const { monitor } = setup({ dayUsd: 1 });
    assert.deepEqual(monitor.record({ usd: 0.5, estimated: false }), []);
    const warn = monitor.record({ usd: 0.31, estimated: false });
    assert.equal(warn.length, 1);
    assert.equal(warn[0]!.level, 'warning');
    assert.equal(warn[0]!.window, 'day');
    assert.deepEqual(monitor.record({ usd: 0.01, estimated: false }), [], 'a warning is not repeated');
    const reached = monitor.record({ usd: 0.2, estimated: true });
    assert.equal(reached[0]!.level, 'reached');
    assert.equal(reached[0]!.estimated, true, 'estimated spend is labelled');
    assert.ok(monitor.blocking());
    assert.deepEqual(monitor.record({ usd: 0.1, estimated: false }), [], 'reaching is said once');
  });

  it('starts a new day at local midnight: the limit stops blocking and spend counts anew', () => {
    const { monitor, advance } = setup({ dayUsd: 1 });
    monitor.record({ usd: 1.2, estimated: false });
    assert.equal(monitor.blocking()?.window, 'day');
    advance(HOUR); // 00:00 local on 2026-12-03
    assert.equal(monitor.blocking(), undefined);
    assert.equal(monitor.ledger.day(LATE_EVENING + HOUR).usd, 0);
    assert.equal(monitor.ledger.day(LATE_EVENING).usd, 1.2, 'yesterday keeps its spend');
    assert.equal(monitor.ledger.month(LATE_EVENING + HOUR).usd, 1.2, 'same month');
    const alerts = monitor.record({ usd: 0.9, estimated: false });
    assert.equal(alerts[0]?.level, 'warning', 'the new day warns again');
  });

  it('keeps the session and each batch apart from the day', () => {
    const { monitor } = setup({ sessionUsd: 2, batchUsd: 0.5 });
    assert.deepEqual(monitor.record({ usd: 0.3, estimated: false, batchId: 'a' }), []);
    const alerts = monitor.record({ usd: 0.3, estimated: false, batchId: 'a' });
    assert.deepEqual(alerts.map((a) => [a.window, a.level, a.batchId]), [['batch', 'reached', 'a']]);
    assert.equal(monitor.blocking('b'), undefined, 'another batch has its own limit');
    assert.equal(monitor.blocking('a')?.window, 'batch');
    assert.deepEqual(monitor.statuses().map((s) => [s.window, Number(s.spent.usd.toFixed(2))]), [['session', 0.6], ['day', 0.6]]);
  });

  it('after "resume" at a limit, does not stop again for it until the limit changes', () => {
    const { monitor, limits } = setup({ sessionUsd: 1 });
    monitor.record({ usd: 1.5, estimated: false });
    monitor.runPastLimit('session');
    assert.equal(monitor.blocking(), undefined);
    assert.deepEqual(monitor.record({ usd: 0.5, estimated: false }), []);
    limits.sessionUsd = 1.8;
    assert.equal(monitor.check()[0]?.level, 'reached', 'a changed limit is judged afresh');
    limits.sessionUsd = 10;
    assert.equal(monitor.blocking(), undefined);
  });

  it('counts runs with an unknown price without adding them', () => {
    const { monitor } = setup({ dayUsd: 1 });
    monitor.record({ usd: null, estimated: false });
    const day = monitor.statuses()[1]!;
    assert.equal(day.spent.usd, 0);
    assert.equal(day.spent.unpricedRuns, 1);
  });

  it('gives the room left in each limited window for the confirmation before a run', () => {
    const { monitor } = setup({ dayUsd: 5, batchUsd: 1 });
    monitor.record({ usd: 4, estimated: false });
    assert.deepEqual(monitor.rooms(false), [{ window: 'day', limitUsd: 5, spentUsd: 4 }]);
    assert.deepEqual(monitor.rooms(true).map((r) => r.window), ['day', 'batch']);
  });
});
