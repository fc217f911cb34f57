// The provider batch jobs file: a round trip keeps every field, a damaged file is moved aside and
// named (never silently emptied), and one bad record is skipped with the rest kept.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BatchJob } from '../../../src/core/batches/batchJob';
import { BATCH_JOB_FILE, BatchJobFile } from '../../../src/persistence/batchJobFile';
import { phraseText } from '../../../src/views/format/phraseText';

const JOB: BatchJob = {
  id: 'job-1',
  providerId: 'openai',
  title: 'Review 3 files',
  batchId: 'b1',
  models: ['gpt-4o-mini'],
  requests: 3,
  createdAt: 1_000,
  cancelRequested: false,
  parts: [
    {
      index: 0,
      requests: 3,
      bytes: 600,
      state: 'submitted',
      submitStartedAt: 1_100,
      submitAttempts: 1,
      sentRequests: 3,
      submittedAt: 1_200,
      providerBatchId: 'batch_1',
      status: { id: 'batch_1', phase: 'in_progress', providerStatus: 'in_progress', counts: { total: 3, done: 1, failed: 0 }, progressKnown: true, createdAt: 1_200, expiresAt: 86_401_200, resultsRef: {} },
      lastPolledAt: 1_300,
      quietChecks: 2,
      failedChecks: 0,
      cancelSent: false,
    },
  ],
};

describe('BatchJobFile', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atq-jobs-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every field of a job through a save and a load; no file is no jobs', async () => {
    const file = new BatchJobFile(dir);
    assert.deepEqual(await file.load(), { jobs: [], warnings: [] });
    await file.save([JOB]);
    assert.deepEqual(await new BatchJobFile(dir).load(), { jobs: [JOB], warnings: [] });
  });

  it('a damaged file is moved aside and named; a record that does not validate is skipped and counted', async () => {
    fs.writeFileSync(path.join(dir, BATCH_JOB_FILE), '{"version":1,"jobs":[{"id":');
    const damaged = await new BatchJobFile(dir, () => 0).load();
    assert.deepEqual(damaged.jobs, []);
    assert.equal(damaged.warnings[0]?.key, 'batch.store.damaged');
    assert.match(damaged.warnings[0] ? phraseText(damaged.warnings[0]) : '', /damaged and was moved to .*provider-batches\.json\.unreadable-1970/);
    assert.ok(fs.readdirSync(dir).some((f) => f.startsWith(`${BATCH_JOB_FILE}.unreadable-`)));
    fs.writeFileSync(path.join(dir, BATCH_JOB_FILE), JSON.stringify({ version: 1, jobs: [JOB, { ...JOB, id: 'job-2', parts: [{ ...JOB.parts[0], state: 'exploded' }] }] }));
    const partial = await new BatchJobFile(dir).load();
    assert.deepEqual(partial.jobs.map((j) => j.id), ['job-1']);
    assert.equal(partial.warnings[0]?.key, 'batch.store.skipped');
    assert.match(partial.warnings[0] ? phraseText(partial.warnings[0]) : '', /^1 provider batch job record\(s\) in .* were not valid and were skipped\.$/);
  });
});
