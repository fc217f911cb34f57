import * as assert from 'node:assert/strict';
import { liveUsage } from '../../../src/core/results/liveUsage';
import { summarizeBatch } from '../../../src/core/results/batchSummary';
import type { Task } from '../../../src/core/domain/taskModel';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { outputPreview, toResultRow } from '../../../src/views/results/resultRows';
import { phrase } from '../../../src/core/domain/phrase';

const task = (extra: Partial<Task>): Task => ({ id: 't', title: 'x — a.ts', prompt: 'p'.repeat(400), providerId: 'openai', model: 'gpt-4o-mini', priority: 'normal', status: 'running', attempts: 1, createdAt: 1, output: 'o'.repeat(80), batchId: 'b', ...extra });

describe('results rows', () => {
  const ctx = { providerLabel: () => 'OpenAI', isSimulated: () => false, redact: (t: string) => t.replace(/sk-\w+/g, '[key]'), safeLength: (t: string) => t.length, liveUsage: (t: Task) => liveUsage(t, new PriceBook(), false) };

  it('previews the first lines as plain text, without fences', () => {
    assert.equal(outputPreview('Intro\n\n```ts\nconst a = 1;\n```\nmore\nand more'), 'Intro ⏎ const a = 1; ⏎ more');
  });

  it('a running row carries estimated usage and cost; a finished one the provider\'s; text is redacted', () => {
    const running = task({ output: 'uses sk-abc123 here' });
    const row = toResultRow(running, summarizeBatch('b', [running]), 7, ctx);
    assert.equal(row.estimated, true);
    assert.equal(row.outputTokens, Math.ceil('uses sk-abc123 here'.length / 4));
    assert.ok(typeof row.costUsd === 'number' && row.costUsd > 0);
    assert.equal(row.preview, 'uses [key] here');
    const done = task({ status: 'completed', usage: { inputTokens: 5, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false }, costUsd: 0.5 });
    const finished = toResultRow(done, summarizeBatch('b', [done]), 9, ctx);
    assert.deepEqual([finished.estimated, finished.inputTokens, finished.outputTokens, finished.costUsd, finished.seq], [false, 5, 3, 0.5, 9]);
  });

  it('live usage exists only while a task runs without the provider\'s figures', () => {
    assert.equal(liveUsage(task({ status: 'queued' }), new PriceBook(), false), undefined);
    assert.equal(liveUsage(task({ status: 'running' }), new PriceBook(), true)?.costUsd, 0, 'a local model is free');
    assert.equal(liveUsage(task({ model: 'no-such-model' }), new PriceBook(), false)?.costUsd, null, 'an unknown price stays unknown');
  });

  it('a row carries the score with its failed checks (redacted) and the rating', () => {
    const done = task({ status: 'completed', quality: { score: 0.5, passed: 1, total: 2, failed: [{ check: phrase('quality.check.contains', { text: 'sk-abc123' }), reason: phrase('quality.failure.notFound', {}) }] }, rating: 'down' });
    const row = toResultRow(done, summarizeBatch('b', [done]), 3, ctx);
    assert.deepEqual(row.quality, { score: 0.5, passed: 1, total: 2, failed: [{ check: 'contains "[key]"', reason: 'not found' }] });
    assert.equal(row.rating, 'down');
    const plain = toResultRow(task({ status: 'completed' }), summarizeBatch('b', [task({})]), 3, ctx);
    assert.deepEqual([plain.quality, plain.rating], [undefined, undefined]);
  });
});
