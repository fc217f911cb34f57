import { strict as assert } from 'node:assert';
import { computeQualityStatistics } from '../../../src/core/reports/qualityStatistics';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { toExportRecord } from '../../../src/core/reports/taskExportRecord';
import { formatTaskExport } from '../../../src/core/reports/taskExportFormats';
import type { Task } from '../../../src/core/domain/taskModel';
import { T0, task, usage } from '../helpers/taskFixture';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';
import { phraseText } from '../../../src/views/format/phraseText';

const scored = (score: number): Task['quality'] => ({ score, passed: Math.round(score * 2), total: 2, failed: score < 1 ? [{ check: phrase('quality.check.json', {}), reason: phrase('quality.failure.notJson', { error: verbatim('Unexpected token') }) }] : [] });

describe('quality in statistics, history and exports', () => {
  it('mean score and ratings by model, by prompt file, and by prompt file version per model (oldest version first)', () => {
    const v1 = { path: '.github/prompts/review.prompt.md', version: 'aaaaaaaaaaaa' };
    const v2 = { path: v1.path, version: 'bbbbbbbbbbbb' };
    const stats = computeQualityStatistics([
      task('1', { promptFile: v1, quality: scored(0.5), rating: 'down', createdAt: T0 }),
      task('2', { promptFile: v1, quality: scored(0), createdAt: T0 + 1 }),
      task('3', { promptFile: v2, quality: scored(1), rating: 'up', createdAt: T0 + 10 }),
      task('4', { promptFile: v2, quality: scored(1), model: 'gpt-4o-mini', createdAt: T0 + 11 }),
      task('5', { rating: 'up' }),
      task('6', { status: 'failed', promptFile: v2, quality: scored(0) }),
      task('7'),
    ]);
    assert.deepEqual(stats.byModel.map((r) => [r.model, r.tasks, r.scored, r.meanScore, r.up, r.down]), [
      ['gpt-4o-mini', 1, 1, 1, 0, 0],
      ['gpt-4o', 4, 3, 0.5, 2, 1],
    ]);
    assert.deepEqual(stats.byPromptFile.map((r) => [r.promptFile, r.tasks, r.meanScore]), [[v1.path, 4, 0.625]]);
    assert.deepEqual(stats.byPromptVersion.map((r) => [r.version, r.model, r.tasks, r.meanScore, r.up, r.down]), [
      ['aaaaaaaaaaaa', 'gpt-4o', 2, 0.25, 0, 1],
      ['bbbbbbbbbbbb', 'gpt-4o', 1, 1, 1, 0],
      ['bbbbbbbbbbbb', 'gpt-4o-mini', 1, 1, 0, 0],
    ]);
  });

  it('steps, checks, score, rating, prompt file and log survive the store, redacted', () => {
    const original = task('w', {
      maxOutputTokens: 500,
      steps: [
        { name: 'outline', parts: [{ text: 'Outline sk-SECRET' }], status: 'completed', output: 'O sk-SECRET', attempts: 1, usage: usage(10, 5), costUsd: 0.001 },
        { name: 'draft', parts: [{ text: 'Draft ' }, { stepOutput: 0 }], status: 'failed', output: '', attempts: 2, error: { code: 'BAD_REQUEST', reason: verbatim('bad sk-SECRET'), retryable: false } },
      ],
      stepIndex: 1,
      checks: [{ kind: 'json', schema: { type: 'object' } }, { kind: 'regex', pattern: '^a', flags: 'm' }],
      quality: scored(0.5),
      rating: 'up',
      promptFile: { path: 'a.prompt.md', version: '0123456789ab' },
      log: [{ at: T0, level: 'warn', message: verbatim('failed (request req_1) sk-SECRET'), attempt: 1, step: 1 }],
    });
    const redact = (t: string): string => t.replaceAll('sk-SECRET', '[redacted]');
    const stored = toStoredTask(original, { savedAt: T0, redact });
    const text = JSON.stringify(stored);
    assert.ok(!text.includes('sk-SECRET'), text);
    const back = fromStoredTask(parseStoredTask(JSON.parse(text))!);
    assert.deepEqual(back.steps?.map((s) => [s.name, s.status, s.output, s.error && words(s.error.reason)]), [['outline', 'completed', 'O [redacted]', undefined], ['draft', 'failed', '', 'bad [redacted]']]);
    assert.deepEqual(back.steps?.[1]?.parts, [{ text: 'Draft ' }, { stepOutput: 0 }]);
    assert.deepEqual([back.stepIndex, back.rating, back.maxOutputTokens, back.promptFile, back.quality], [1, 'up', 500, original.promptFile, original.quality]);
    assert.deepEqual(back.checks, original.checks);
    assert.deepEqual(back.log, [{ at: T0, level: 'warn', message: verbatim('failed (request req_1) [redacted]'), attempt: 1, step: 1 }]);
    assert.equal(parseStoredTask({ ...stored, rating: 'meh' }), undefined, 'a bad rating is refused like any bad field');

    const csv = formatTaskExport([toExportRecord(back, { redact, providerLabel: (id) => id, words: phraseText })], 'csv', 'now', phraseText);
    assert.match(csv, /qualityScore,failedChecks,rating,promptFile,promptFileVersion,steps,log/);
    assert.match(csv, /0\.5,valid JSON: not JSON \(Unexpected token\),up,a\.prompt\.md,0123456789ab,outline: completed; draft: failed,/);
  });

  it('reads the English sentences of a history written before phrases as verbatim text, losing nothing', () => {
    const stored = JSON.parse(JSON.stringify(toStoredTask(task('old', { quality: scored(0.5) }), { savedAt: T0, redact: (t) => t }))) as { quality: { failed: unknown[] } };
    stored.quality.failed = [{ check: 'contains "## Summary"', reason: 'not found' }];
    const back = fromStoredTask(parseStoredTask(stored)!);
    assert.deepEqual(back.quality?.failed, [{ check: verbatim('contains "## Summary"'), reason: verbatim('not found') }]);
    assert.deepEqual(back.quality?.failed.map((f) => `${phraseText(f.check)}: ${phraseText(f.reason)}`), ['contains "## Summary": not found']);
    stored.quality.failed = [{ check: { key: 'quality.check.json', args: { nested: { key: 'x' } } }, reason: 'not found' }];
    assert.equal(parseStoredTask(stored), undefined, 'a damaged phrase is refused like any bad field');
  });
});
