import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/engine/retryPolicy';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { ManualClock } from '../helpers/manualClock';
import { flush, ScriptedProvider, USAGE_10_5, type Script } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

const alwaysRateLimited = (retryAfterMs: number): Script =>
  async function* () {
    yield* [];
    throw new ProviderError(verbatim('HTTP 429 from P: slow down'), { kind: 'http', providerId: 'p', status: 429, retryAfterMs });
  };

function setup(retryAfterMs: number, budgetMs: number, script: Script = alwaysRateLimited(retryAfterMs), maxAttempts = 10) {
  const clock = new ManualClock();
  const provider = new ScriptedProvider('p', script);
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock,
    newId: () => 't1',
    providers: () => provider,
    priceBook: () => new PriceBook(),
    concurrency: 1,
    defaultTimeoutMs: 3_600_000,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts, maxWaitMs: 60_000 },
    retryBudgetMs: budgetMs,
    random: () => 0,
  });
  return { clock, provider, engine };
}

async function runOut(engine: TaskEngine, clock: ManualClock): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await flush();
    clock.advance(10_000);
  }
  await engine.whenIdle();
}

describe('Retry budget (total wait per task)', () => {
  it('stops retrying once the next wait would exceed the budget, and says so', async () => {
    const { engine, clock, provider } = setup(20_000, 50_000);
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await runOut(engine, clock);
    // Waits of 20 s: two fit in 50 s, a third would not.
    assert.equal(provider.calls.length, 3);
    const t = engine.get('t1')!;
    assert.equal(t.error!.code, 'RATE_LIMITED');
    assert.equal(t.error!.status, 429);
    assert.match(words(t.error?.reason), /Stopped retrying: waiting another 20s would exceed the 50s retry budget/);
  });

  it('a server asking for more than one wait may take is not retried early against its word: retries stop, saying why', async () => {
    const { engine, clock, provider } = setup(3_600_000, 600_000);
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    const t = engine.get('t1')!;
    assert.equal(t.status, 'failed', 'fails at once rather than waiting the 60 s cap and retrying too early');
    assert.equal(provider.calls.length, 1);
    assert.equal(t.error!.code, 'RATE_LIMITED');
    assert.match(words(t.error?.reason), /Stopped retrying: the provider asked for a wait of 60 min, longer than the 60s one wait may take; retry later\./);
    await runOut(engine, clock);
    assert.equal(provider.calls.length, 1);
  });

  it('429s do not use up attempts: with 3 attempts, five rate limits in a row and then an answer complete the task', async () => {
    let calls = 0;
    const { engine, clock } = setup(
      1_000,
      60_000,
      async function* () {
        calls += 1;
        if (calls <= 5) throw new ProviderError(verbatim('HTTP 429 from P: slow down'), { kind: 'http', providerId: 'p', status: 429, retryAfterMs: 1_000 });
        if (calls === 6) throw new ProviderError(verbatim('HTTP 500 from P'), { kind: 'http', providerId: 'p', status: 500 });
        yield USAGE_10_5;
      },
      3,
    );
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await flush();
    assert.equal(engine.get('t1')!.status, 'waiting', 'a refused request waits for its provider; it is not running');
    assert.equal(words(engine.get('t1')!.statusDetail), 'waiting: HTTP 429 from P: slow down; resending in 1s (attempt 2 of 4; a rate limit does not use up an attempt)');
    await runOut(engine, clock);
    const t = engine.get('t1')!;
    assert.equal(t.status, 'completed', JSON.stringify(t.error));
    assert.equal(t.attempts, 7, 'five 429s, one 500 (counted), then the answer: the third counted attempt');
  });

  it('a budget of 0 means no waiting at all: the first retryable failure is final', async () => {
    const { engine, clock, provider } = setup(1_000, 0);
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await runOut(engine, clock);
    assert.equal(provider.calls.length, 1);
  });

  it('changes to the budget apply to tasks submitted afterwards', async () => {
    const { engine, clock, provider } = setup(20_000, 0);
    engine.setRetryBudgetMs(40_000);
    engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    await runOut(engine, clock);
    assert.equal(provider.calls.length, 3, 'two 20 s waits fit the new 40 s budget; the old budget of 0 allowed none');
  });
});
