import { strict as assert } from 'node:assert';
import { appendLogLine, type TaskLogLine } from '../../../src/core/domain/taskLogLine';
import { newTaskRecord, rerunInput } from '../../../src/core/engine/taskRecord';
import { task } from '../helpers/taskFixture';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

describe('a task log and re-runs', () => {
  it('keeps the first lines and the newest, with one line counting what was dropped', () => {
    const log: TaskLogLine[] = [];
    for (let i = 1; i <= 30; i++) appendLogLine(log, { at: i, level: 'info', message: verbatim(`line ${i}`) }, 10);
    assert.equal(log.length, 10);
    assert.deepEqual(log.map((l) => words(l.message)), ['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', '… 21 lines not kept', 'line 30']);
  });

  it('a re-run of a completed workflow runs every step again; of a failed one, carries the finished steps; on another model, none', () => {
    const step = (name: string, status: 'completed' | 'failed' | 'pending') => ({ name, parts: [{ text: name }], status, output: `${name} out`, attempts: 1 });
    const done = rerunInput(task('w', { steps: [step('a', 'completed'), step('b', 'completed')], checks: [{ kind: 'maxLength', chars: 5 }], maxOutputTokens: 9 }), {});
    assert.deepEqual([done.retryOf, done.maxOutputTokens, done.checks?.length], ['w', 9, 1]);
    const record = newTaskRecord(done, 'w2', 0);
    assert.deepEqual(record.steps?.map((s) => [s.status, s.output, s.carried ?? false]), [['pending', '', false], ['pending', '', false]]);
    assert.equal(record.stepIndex, 0);
    const resumed = newTaskRecord(rerunInput(task('w', { status: 'failed', steps: [step('a', 'completed'), step('b', 'failed')] }), {}), 'w3', 0);
    assert.deepEqual(resumed.steps?.map((s) => [s.status, s.output, s.carried ?? false]), [['completed', 'a out', true], ['pending', '', false]]);
    assert.equal(resumed.stepIndex, 1);
    const failed = rerunInput(task('w', { status: 'failed', steps: [step('a', 'completed'), step('b', 'failed'), step('c', 'pending')] }), {});
    assert.deepEqual(failed.steps?.map((s) => s.status), ['completed', 'failed', 'pending'], 'the engine carries the finished ones (stepsForRerun)');
    const other = rerunInput(task('w', { status: 'failed', steps: [step('a', 'completed'), step('b', 'failed')] }), { model: 'gpt-4.1' });
    assert.deepEqual(other.steps?.map((s) => s.status), ['pending', 'pending']);
  });

  it('a re-run carries both the results fields and the prompt file fields from one list; empty checks are none; the simulator mark comes from the provider', () => {
    const source = { kind: 'file' as const, uri: 'file:///w/a.ts', path: 'a.ts', languageId: 'typescript', contentHash: 'a'.repeat(64), promptSpan: { start: 3, length: 9 } };
    const old = task('w', { status: 'failed', batchId: 'b', batchKind: 'files', instruction: 'Review', source, systemPrompt: 'sys', timeoutMs: 5_000, maxOutputTokens: 300, checks: [{ kind: 'maxLength', chars: 5 }], promptFile: { path: 'r.prompt.md', version: 'abcdef012345' }, quality: { score: 0, passed: 0, total: 1, failed: [] }, rating: 'down', simulated: true });
    const record = newTaskRecord(rerunInput(old, {}), 'w2', 0);
    assert.deepEqual(
      [record.batchId, record.batchKind, record.instruction, record.source, record.systemPrompt, record.timeoutMs, record.maxOutputTokens, record.checks, record.promptFile, record.retryOf],
      ['b', 'files', 'Review', source, 'sys', 5_000, 300, [{ kind: 'maxLength', chars: 5 }], { path: 'r.prompt.md', version: 'abcdef012345' }, 'w'],
    );
    assert.deepEqual([record.quality, record.rating, record.simulated], [undefined, undefined, undefined], 'a re-run is scored and rated afresh, and marked by where it runs now');
    assert.equal(newTaskRecord({ title: 't', prompt: 'p', providerId: 'x', model: 'm', checks: [] }, 'n', 0).checks, undefined);
    assert.equal(newTaskRecord({ title: 't', prompt: 'p', providerId: 'simulator', model: 'm' }, 's', 0, true).simulated, true);
  });
});
