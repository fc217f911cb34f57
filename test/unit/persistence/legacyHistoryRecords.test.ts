// A history written before src/core stored phrases held English strings where phrases now go: a
// failure's message and remediation (a task's and a workflow step's) and each log line. Such a file
// must still load with nothing lost, its text shown as it was written, and be written back in the
// new shape without a second conversion changing anything.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { failureRemediation } from '../../../src/core/domain/taskFailure';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { FileTaskStore, SNAPSHOT_FILE } from '../../../src/persistence/fileTaskStore';
import { encodeSnapshot } from '../../../src/persistence/historyFileFormat';
import { phraseText } from '../../../src/views/format/phraseText';
import { storedTask } from '../helpers/storedTaskFixture';

const SETTING_ADVICE = 'Fix "aiTaskQueue.providers.lmstudio.baseUrl" in the settings (in a remote window: the Settings editor\'s Remote tab), then retry the task.';

/** A failed workflow task exactly as an earlier version wrote it. */
const LEGACY = {
  ...storedTask('old', 1, { status: 'failed' }),
  error: { code: 'CONFIG', message: 'Step 2 of 2 (draft) failed: The base URL of LM Studio is empty.', remediation: SETTING_ADVICE, retryable: false },
  steps: [
    { name: 'outline', parts: [{ text: 'Outline' }], status: 'completed', output: 'O', attempts: 1 },
    { name: 'draft', parts: [{ stepOutput: 0 }], status: 'failed', output: '', attempts: 1, error: { code: 'CONFIG', message: 'The base URL of LM Studio is empty.', remediation: SETTING_ADVICE, retryable: false } },
  ],
  stepIndex: 1,
  log: [
    { at: 1, level: 'info', message: 'step 1 of 2 — outline: started' },
    { at: 2, level: 'warn', message: 'failed (CONFIG): The base URL of LM Studio is empty.; no retry', attempt: 1, step: 1 },
  ],
};

describe('History written before phrases', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'atq-legacy-')), 'history');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('loads a record whose failure, step failure and log lines are strings, showing them as they were written', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, SNAPSHOT_FILE), encodeSnapshot(1, 10, [JSON.stringify(LEGACY)]));
    const store = new FileTaskStore({ directory: dir });
    const loaded = await store.load();
    await store.close();
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.tasks.length, 1, 'the old record was skipped');
    const task = fromStoredTask(loaded.tasks[0]!);
    assert.deepEqual(task.error, { code: 'CONFIG', reason: verbatim(LEGACY.error.message), remediation: verbatim(SETTING_ADVICE), retryable: false });
    assert.equal(phraseText(task.error!.reason), 'Step 2 of 2 (draft) failed: The base URL of LM Studio is empty.');
    // The advice named the setting, which the old record holds nowhere else: it is kept, not re-derived.
    assert.equal(phraseText(failureRemediation(task.error!)), SETTING_ADVICE);
    assert.equal(phraseText(task.steps![1]!.error!.reason), 'The base URL of LM Studio is empty.');
    assert.deepEqual(task.log?.map((l) => [l.level, l.attempt, l.step, phraseText(l.message)]), [
      ['info', undefined, undefined, 'step 1 of 2 — outline: started'],
      ['warn', 1, 1, 'failed (CONFIG): The base URL of LM Studio is empty.; no retry'],
    ]);
  });

  it('writes a loaded old record back in the new shape, and that reads back unchanged', () => {
    const task = fromStoredTask(parseStoredTask(LEGACY)!);
    const rewritten = JSON.parse(JSON.stringify(toStoredTask(task, { savedAt: 20 }))) as Record<string, unknown>;
    assert.deepEqual(rewritten.error, { code: 'CONFIG', reason: verbatim(LEGACY.error.message), remediation: verbatim(SETTING_ADVICE), retryable: false });
    assert.deepEqual(fromStoredTask(parseStoredTask(rewritten)!), task);
  });

  it('reads a new record as written: phrases with nested phrases, the setting kept for the advice', () => {
    const reason = phrase('failure.step.failed', { step: 2, steps: 2, name: 'draft', reason: phrase('provider.baseUrl.invalid', { provider: 'LM Studio', problem: phrase('provider.baseUrl.empty', {}), setting: phrase('provider.setting', { setting: 'aiTaskQueue.providers.lmstudio.baseUrl' }) }) });
    const record = { ...storedTask('new', 2, { status: 'failed' }), error: { code: 'CONFIG' as const, reason, retryable: false, setting: 'aiTaskQueue.providers.lmstudio.baseUrl' } };
    const task = fromStoredTask(parseStoredTask(JSON.parse(JSON.stringify(record)))!);
    assert.equal(phraseText(task.error!.reason), 'Step 2 of 2 (draft) failed: The base URL of LM Studio is empty. Set "aiTaskQueue.providers.lmstudio.baseUrl" to an http:// or https:// address.');
    assert.equal(phraseText(failureRemediation(task.error!)), SETTING_ADVICE);
  });

  it('refuses a failure that is neither shape, like any other bad field, and shows a phrase id it has no sentence for by its id', () => {
    assert.equal(parseStoredTask({ ...LEGACY, error: { code: 'CONFIG', retryable: false } }), undefined);
    const later = parseStoredTask({ ...LEGACY, error: { code: 'UNKNOWN', reason: { key: 'failure.fromANewerVersion', args: { n: 3 } }, retryable: false } });
    assert.equal(phraseText(fromStoredTask(later!).error!.reason), 'failure.fromANewerVersion(3)');
  });
});
