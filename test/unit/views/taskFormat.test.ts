import { strict as assert } from 'node:assert';
import type { Task } from '../../../src/core/domain/taskModel';
import { describeTask, formatCost, formatDuration } from '../../../src/views/format/taskFormat';
import { phrase, verbatim } from '../../../src/core/domain/phrase';

const base: Task = { id: 't', title: 'T', prompt: 'p', providerId: 'p', model: 'gpt-4o', priority: 'normal', status: 'completed', attempts: 1, createdAt: 0, output: '' };

describe('task formatting', () => {
  it('formats durations', () => {
    assert.deepEqual([450, 3_200, 42_000, 125_000].map(formatDuration), ['450ms', '3.2s', '42s', '2m 5s']);
  });

  it('formats cost: unknown is said, never guessed', () => {
    assert.equal(formatCost(null), 'price unknown');
    assert.equal(formatCost(undefined), undefined);
    assert.equal(formatCost(0.00123), '$0.0012');
    assert.equal(formatCost(1.5), '$1.50');
  });

  it('describes a finished task with duration, tokens and cost', () => {
    const t: Task = { ...base, startedAt: 1_000, finishedAt: 4_200, usage: { inputTokens: 1000, outputTokens: 234, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false }, costUsd: 0.0048 };
    assert.equal(describeTask(t, 10_000), 'gpt-4o · 3.2s · 1,234 tok · $0.0048');
  });

  it('labels estimated tokens and shows the retry countdown while set', () => {
    const t: Task = { ...base, status: 'running', startedAt: 0, statusDetail: phrase('waiting.retrying', { seconds: 3, attempt: 2, allowed: 3, reason: verbatim('rate limited') }), usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true } };
    assert.equal(describeTask(t, 2_000), 'gpt-4o · retrying in 3s (attempt 2 of 3): rate limited · 2.0s · ≈12 tok (est.)');
  });
});

describe('task formatting while streaming', () => {
  it('shows live tokens and cost as estimates until the provider\'s usage arrives', () => {
    const t: Task = { ...base, status: 'running', startedAt: 0 };
    const live = { usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true }, costUsd: 0.0005 };
    assert.equal(describeTask(t, 2_000, { live }), 'gpt-4o · 2.0s · ≈120 tok (est.) · ≈$0.00050');
    const done: Task = { ...t, usage: { ...live.usage, outputTokens: 30, estimated: false }, costUsd: 0.0007 };
    assert.equal(describeTask(done, 2_000, { live }), 'gpt-4o · 2.0s · 130 tok · $0.00070');
  });
});
