import { strict as assert } from 'node:assert';
import { modelLimitsFor } from '../../../src/core/usage/modelLimits';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { addUpEstimates, contextOverflow, estimateRun, type RunEstimate } from '../../../src/core/usage/runEstimate';
import { reasonsToConfirm } from '../../../src/core/usage/runGuard';
import type { TokenCount } from '../../../src/core/usage/promptTokenCounter';

const exact = (tokens: number): TokenCount => ({ tokens, method: 'tokenizer', source: 'o200k_base tokenizer' });
const book = new PriceBook({ 'my-model': { input: 1, output: 2, cacheRead: 1, cacheWrite: 1 } });
const pricing = (model: string, local = false, unpriced = false) => ({ price: book.priceFor(model), priceSource: book.priceSource(model), local, unpriced });
const run = (model: string, tokens: number, extra: { local?: boolean; unpriced?: boolean; cap?: number } = {}): RunEstimate =>
  estimateRun({ providerId: 'p', model, count: exact(tokens), pricing: pricing(model, extra.local, extra.unpriced), limits: modelLimitsFor(model), ...(extra.cap !== undefined && { requestedOutputCap: extra.cap }) });

describe('cost estimates before a run', () => {
  it('ranges from the input cost to input plus the output cap at the output price', () => {
    // gpt-4o: $2.50 in, $10 out per 1M; output cap 16,384.
    const e = run('gpt-4o-2024-11-20', 100_000);
    assert.ok(Math.abs(e.lowUsd! - 0.25) < 1e-12);
    assert.ok(Math.abs((e.highUsd as number) - (0.25 + 16_384 * 10e-6)) < 1e-12);
    assert.equal(e.outputCap, 16_384);
    assert.equal(e.priceSource, 'table');
  });

  it('uses the cap the request sends when it is below the model maximum', () => {
    const e = run('gpt-4o', 1_000, { cap: 500 });
    assert.equal(e.outputCap, 500);
    assert.ok(Math.abs((e.highUsd as number) - (1_000 * 2.5e-6 + 500 * 10e-6)) < 1e-12);
  });

  it('says price unknown (null), never $0, for a model without a price; a local server is free', () => {
    assert.equal(run('mystery-model', 1_000).lowUsd, null);
    assert.equal(run('gpt-4o', 1_000, { unpriced: true }).highUsd, null);
    const local = run('llama3.2', 1_000, { local: true });
    assert.equal(local.free, true);
    assert.equal(local.highUsd, 0);
  });

  it('leaves the top of the range open when the output cap is unknown, and marks override prices', () => {
    const e = run('my-model', 1_000_000);
    assert.equal(e.lowUsd, 1);
    assert.equal(e.highUsd, undefined);
    assert.equal(e.priceSource, 'override');
  });

  it('refuses a prompt larger than the context window, counting the output the request reserves', () => {
    assert.equal(contextOverflow(run('gpt-4o', 120_000), undefined), undefined);
    assert.deepEqual(contextOverflow(run('gpt-4o', 1_300_000), undefined), { inputTokens: 1_300_000, contextWindow: 128_000, reservedOutput: 0, estimated: false });
    // Anthropic always sends max_tokens: 198,000 + 4,096 does not fit 200,000.
    assert.equal(contextOverflow(run('claude-sonnet-4-5', 198_000, { cap: 4096 }), 4096)?.reservedOutput, 4096);
    assert.equal(contextOverflow(run('mystery-model', 5_000_000), undefined), undefined);
  });

  it('adds up a batch and asks above the cost and size thresholds', () => {
    const batch = addUpEstimates([run('gpt-4o', 10_000), run('gpt-4o', 150_000), run('mystery-model', 10), run('llama3.2', 10, { local: true })]);
    assert.equal(batch.runs, 4);
    assert.equal(batch.unknownPriceRuns, 1);
    assert.equal(batch.freeRuns, 1);
    assert.equal(batch.largestInputTokens, 150_000);
    assert.ok(Math.abs(batch.lowUsd - 160_000 * 2.5e-6) < 1e-12);
    const reasons = reasonsToConfirm(batch, { confirmAboveUsd: 0.5, confirmAboveTokens: 100_000 });
    assert.deepEqual(reasons.map((r) => r.kind), ['cost', 'size']);
    assert.deepEqual(reasonsToConfirm(batch, { confirmAboveUsd: 100, confirmAboveTokens: undefined }), []);
  });

  it('asks when a run could take a budget past its limit', () => {
    const batch = addUpEstimates([run('gpt-4o', 10_000)]); // up to ≈ $0.19
    const reasons = reasonsToConfirm(batch, { confirmAboveUsd: undefined, confirmAboveTokens: undefined }, [{ window: 'day', limitUsd: 5, spentUsd: 4.9 }]);
    assert.equal(reasons.length, 1);
    assert.equal(reasons[0]!.kind, 'budget');
  });
});
