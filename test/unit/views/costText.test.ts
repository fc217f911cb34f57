import { strict as assert } from 'node:assert';
import { modelLimitsFor } from '../../../src/core/usage/modelLimits';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { contextOverflow, estimateRun } from '../../../src/core/usage/runEstimate';
import { describeBudget, describeEstimate, describeOverflow, describeReason } from '../../../src/views/format/costText';
import { phrase } from '../../../src/core/domain/phrase';

const book = new PriceBook();
const run = (model: string, tokens: number, method: 'tokenizer' | 'estimate' = 'tokenizer', local = false) =>
  estimateRun({ providerId: 'p', model, count: { tokens, method, source: method === 'estimate' ? phrase('count.estimate', {}) : phrase('count.tokenizer', { encoding: 'o200k_base' }) }, pricing: { price: book.priceFor(model), priceSource: book.priceSource(model), local, unpriced: false }, limits: modelLimitsFor(model) });

describe('cost words', () => {
  it('names the count, its method and the cost range', () => {
    assert.equal(describeEstimate(run('gpt-4o-mini', 1234)), '1,234 input tokens (o200k_base tokenizer) · $0.00019 – $0.0100 (input, up to 16,384 output tokens)');
    assert.equal(describeEstimate(run('claude-sonnet-4-5', 310, 'estimate')), '≈ 310 input tokens (estimate, ≈ 4 characters per token) · $0.00093 – $0.9609 (input, up to 64,000 output tokens)');
  });

  it('says "price unknown" for an unknown model and "free" for a local one, never $0 for unknown', () => {
    assert.match(describeEstimate(run('mystery', 10)), /· price unknown$/);
    assert.match(describeEstimate(run('llama3.2', 10, 'tokenizer', true)), /· free \(local model\)$/);
  });

  it('gives the numbers of a refusal and of a question', () => {
    const o = contextOverflow(run('gpt-4o', 1_300_000), undefined)!;
    assert.equal(describeOverflow(o, 'gpt-4o'), "The prompt has 1,300,000 input tokens; gpt-4o's context window holds 128,000 tokens.");
    assert.equal(describeReason({ kind: 'cost', usd: 3.2, thresholdUsd: 0.5, upperBound: true }), 'It could cost up to $3.20, above your $0.50 confirmation threshold.');
    assert.equal(describeReason({ kind: 'size', tokens: 150_000, thresholdTokens: 100_000 }), 'A prompt has 150,000 input tokens, above your 100,000-token threshold.');
  });

  it('shows a budget against its limit, ≈ when estimates are in it', () => {
    assert.equal(describeBudget({ window: 'day', spent: { usd: 1.2, estimatedUsd: 0.2, unpricedRuns: 1 }, limitUsd: 5, level: 'ok' }), 'Today: ≈$1.20 of $5.00 (24 %) (+1 unpriced)');
    assert.equal(describeBudget({ window: 'session', spent: { usd: 5, estimatedUsd: 0, unpricedRuns: 0 }, limitUsd: 5, level: 'reached' }), 'This session: $5.00 of $5.00 (100 %) — limit reached');
  });
});
