import { strict as assert } from 'node:assert';
import type { Task } from '../../../src/core/domain/taskModel';
import { batchMembers, batchProgress, memberLabel, summarizeBatch } from '../../../src/core/results/batchSummary';
import { formatUsd } from '../../../src/shared/formatUsd';
import { phraseText } from '../../../src/views/format/phraseText';

function task(id: string, extra: Partial<Task>): Task {
  return { id, title: `Review — ${id}.ts`, prompt: 'p', providerId: 'openai', model: 'gpt-4o', priority: 'normal', status: 'completed', attempts: 1, createdAt: 1, output: '', batchId: 'b', ...extra };
}

describe('batch summary', () => {
  it('a rerun replaces the run it retried: counted once, in the original place; spend counts both', () => {
    const tasks = [
      task('a', { createdAt: 1, costUsd: 0.1 }),
      task('b', { createdAt: 2, status: 'failed', costUsd: 0.05 }),
      task('c', { createdAt: 3, status: 'cancelled' }),
      task('b2', { createdAt: 10, status: 'running', retryOf: 'b', costUsd: 0.02 }),
    ];
    const s = summarizeBatch('b', tasks);
    assert.deepEqual(s.members.map((t) => t.id), ['a', 'b2', 'c']);
    assert.equal(s.total, 3);
    assert.equal(s.done, 2);
    assert.equal(s.failed, 0);
    assert.equal(s.cancelled, 1);
    assert.equal(s.running, 1);
    assert.ok(s.active);
    assert.equal(s.finishedAt, undefined);
    assert.ok(Math.abs(s.costUsd - 0.17) < 1e-12);
    assert.equal(batchProgress(s, formatUsd, phraseText), '2/3 done · 1 cancelled · $0.1700');
  });

  it('tasks waiting for their provider (a rate limit, or a provider batch for hours) are not done: the batch stays active', () => {
    const s = summarizeBatch('b', [
      task('a', { finishedAt: 5, costUsd: 0.01 }),
      task('b', { status: 'waiting', external: { kind: 'providerBatch', jobId: 'j', part: 0, customId: 'r1' } }),
      task('c', { status: 'waiting' }),
    ]);
    assert.equal(s.done, 1);
    assert.equal(s.queued, 2);
    assert.ok(s.active);
    assert.equal(s.finishedAt, undefined);
    assert.equal(batchProgress(s, formatUsd, phraseText), '1/3 done · $0.0100');
  });

  it('a finished batch has a finish time; an unknown price marks the spend as a lower bound', () => {
    const s = summarizeBatch('b', [task('a', { finishedAt: 5, costUsd: 0.5 }), task('b', { finishedAt: 9, costUsd: null, status: 'failed' })]);
    assert.equal(s.finishedAt, 9);
    assert.equal(batchProgress(s, formatUsd, phraseText), '2/2 done · 1 failed · $0.5000+');
  });

  it('retry chains follow through several reruns', () => {
    const members = batchMembers([task('a', {}), task('a2', { retryOf: 'a', createdAt: 5 }), task('a3', { retryOf: 'a2', createdAt: 9 }), task('z', { createdAt: 2 })]);
    assert.deepEqual(members.map((t) => t.id), ['a3', 'z']);
  });

  it('names members by what differs: the file, or the model; older batches by their title', () => {
    const source = { kind: 'file', uri: 'file:///w/src/x.ts', path: 'src/x.ts', languageId: 'typescript', contentHash: '0'.repeat(64), promptSpan: { start: 0, length: 0 } } as const;
    assert.equal(memberLabel(task('a', { source }), 'files'), 'src/x.ts');
    assert.equal(memberLabel(task('a', {}), 'files'), 'a.ts');
    assert.equal(memberLabel(task('a', { model: 'claude-haiku-4-5' }), 'models'), 'claude-haiku-4-5');
    const compare = summarizeBatch('b', [task('a', { model: 'm1' }), task('b', { model: 'm2' })]);
    assert.equal(compare.kind, 'models');
    assert.equal(summarizeBatch('b', [task('a', { batchKind: 'files', model: 'm1' }), task('b', { model: 'm2' })]).kind, 'files');
  });
});
