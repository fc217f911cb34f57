// Splitting a job over a provider's limits (requests, bytes with the body's own overhead, one model
// per batch where the provider wants it), the poll schedule, and how a job reads as one.
import { strict as assert } from 'node:assert';
import { parseBatchJob, type BatchJob, type BatchPart } from '../../../src/core/batches/batchJob';
import { jobSummaryText, partStateText, partStatusLine, summarizeJob } from '../../../src/core/batches/batchJobText';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';
import { nextPollAt, nextPollDelay } from '../../../src/core/batches/pollSchedule';
import { splitIntoParts } from '../../../src/core/batches/splitIntoParts';

const limits = { maxRequests: 3, maxBytes: 100, perEntryOverheadBytes: 1, fixedOverheadBytes: 10, oneModelPerBatch: false };
const req = (id: string, bytes: number, model = 'm'): { customId: string; model: string; bytes: number } => ({ customId: id, model, bytes });

describe('splitIntoParts', () => {
  it('fills each batch up to the request limit and the byte limit (overheads counted), in order', () => {
    const plan = splitIntoParts([req('a', 20), req('b', 20), req('c', 20), req('d', 40), req('e', 40), req('f', 10)], limits);
    // 10 + 3 × 21 = 73; then 10 + 41 + 41 = 92, and f would make 103 > 100.
    assert.deepEqual(plan.parts.map((p) => [p.customIds, p.bytes]), [[['a', 'b', 'c'], 73], [['d', 'e'], 92], [['f'], 21]]);
    assert.deepEqual(plan.oversized, []);
  });

  it('names a request too large for any batch, and keeps the rest', () => {
    const plan = splitIntoParts([req('a', 20), req('huge', 95), req('b', 20)], limits);
    assert.deepEqual(plan.oversized, ['huge']);
    assert.deepEqual(plan.parts.map((p) => p.customIds), [['a', 'b']]);
  });

  it('one model per batch: a comparison becomes one batch per model', () => {
    const plan = splitIntoParts([req('a', 5, 'x'), req('b', 5, 'y'), req('c', 5, 'x')], { ...limits, oneModelPerBatch: true });
    assert.deepEqual(plan.parts.map((p) => p.customIds), [['a', 'c'], ['b']]);
  });
});

describe('pollSchedule', () => {
  const policy = { minMs: 60_000, maxMs: 600_000, factor: 1.5 };
  it('starts at the shortest interval, grows while nothing changes up to the longest, and honours a longer retry-after', () => {
    assert.deepEqual([0, 1, 2, 10].map((n) => nextPollDelay(policy, n)), [60_000, 90_000, 135_000, 600_000]);
    assert.equal(nextPollDelay(policy, 0, 300_000), 300_000);
    assert.equal(nextPollDelay(policy, 0, 5), 60_000, 'a retry-after shorter than the policy made it poll sooner');
  });
  it('never sooner than the last check allows, even across a restart', () => {
    assert.equal(nextPollAt(policy, 1_000_000, 0, 1_010_000), 1_060_000);
    assert.equal(nextPollAt(policy, 1_000_000, 0, 2_000_000), 2_000_000);
  });
});

describe('batchJobText', () => {
  const part = (index: number, over: Partial<BatchPart>): BatchPart => ({ index, requests: 5_000, bytes: 1, state: 'submitted', submitAttempts: 1, quietChecks: 0, failedChecks: 0, cancelSent: false, ...over });
  const status = (phase: 'validating' | 'in_progress' | 'ended', done: number, progressKnown = true): BatchPart['status'] => ({ id: 'b', phase, providerStatus: phase, counts: { total: 5_000, done, failed: 0 }, progressKnown, resultsRef: {} });
  const job = (parts: BatchPart[]): BatchJob => ({ id: 'j', providerId: 'openai', title: 'T', models: ['m'], requests: parts.reduce((n, p) => n + p.requests, 0), createdAt: 0, cancelRequested: false, parts });

  it('adds the parts up: the least advanced phase, done counts summed, "N provider batches"', () => {
    const j = job([part(0, { status: status('in_progress', 3_112) }), part(1, { state: 'ingested', status: status('ended', 5_000) })]);
    assert.equal(phraseText(jobSummaryText(summarizeJob(j))), 'in progress · 8,112 / 10,000 done · 2 provider batches');
    assert.equal(phraseText(partStatusLine(j, j.parts[0]!, 'OpenAI')), 'at OpenAI: in progress, 3,112 / 5,000 done (provider batch 1 of 2)');
    assert.equal(phraseText(partStateText(j, j.parts[1]!)), 'ended, 5,000 result(s) taken in');
    assert.deepEqual(summarizeJob(j).phase, phrase('batch.phase.inProgress', {}), 'the phase is a phrase the adapters word');
  });

  it('progress a provider does not report reads as "processing"; a failed check says why', () => {
    const lastError = phrase('batch.part.callFailed', { what: phrase('batch.call.checkFailed', {}), error: verbatim('HTTP 503') });
    const j = job([part(0, { status: status('in_progress', 0, false), lastError })]);
    assert.equal(phraseText(jobSummaryText(summarizeJob(j))), 'in progress · 5,000 processing');
    assert.equal(phraseText(partStatusLine(j, j.parts[0]!, 'Anthropic')), 'at Anthropic: in progress, 5,000 processing; last check failed: HTTP 503');
  });

  it('every state of a part in words, as the tree shows it', () => {
    const one = (over: Partial<BatchPart>, cancelRequested = false): string => {
      const j = { ...job([part(0, over)]), cancelRequested };
      return phraseText(partStateText(j, j.parts[0]!));
    };
    assert.equal(one({ state: 'pending', submitAttempts: 0 }), 'waiting to be submitted');
    assert.equal(one({ state: 'pending', submitAttempts: 2, lastError: phrase('batch.part.submitFailed', { error: verbatim('HTTP 500') }) }), 'submitting again later; could not submit: HTTP 500');
    assert.equal(one({ state: 'pending' }, true), 'cancelling');
    assert.equal(one({ state: 'submitting' }), 'submitting');
    assert.equal(one({ state: 'submitted' }, true), 'submitted, cancel requested');
    assert.equal(one({ state: 'ended', status: status('ended', 5_000) }), 'ended, fetching results');
    assert.equal(one({ state: 'ingested', status: { ...status('ended', 5_000)!, outcome: 'expired' } }), 'ended (expired), 5,000 result(s) taken in');
    assert.equal(one({ state: 'failed' }), 'could not be submitted');
    assert.equal(one({ state: 'lost' }), 'no longer known to the provider');
    assert.equal(one({ state: 'cancelled' }), 'cancelled before it was submitted');
  });
});

describe('batch job records', () => {
  const stored = (lastError: unknown): unknown => ({ id: 'j', providerId: 'openai', title: 'T', models: ['m'], requests: 1, createdAt: 0, cancelRequested: false, parts: [{ index: 0, requests: 1, bytes: 1, state: 'submitted', submitAttempts: 1, quietChecks: 0, failedChecks: 1, cancelSent: false, lastError }] });

  it('reads the English lastError of a record saved before phrases as verbatim text, so the status line keeps it', () => {
    const job = parseBatchJob(stored('last check failed: HTTP 503'));
    assert.ok(job, 'an old record must still load');
    assert.deepEqual(job.parts[0]!.lastError, verbatim('last check failed: HTTP 503'));
    assert.equal(phraseText(partStatusLine(job, job.parts[0]!, 'OpenAI')), 'at OpenAI: submitted; last check failed: HTTP 503');
  });

  it('keeps a phrase lastError through a save and a load', () => {
    const lastError = phrase('batch.part.callFailed', { what: phrase('batch.call.checkFailed', {}), error: verbatim('HTTP 503') });
    assert.deepEqual(parseBatchJob(JSON.parse(JSON.stringify(stored(lastError))))?.parts[0]!.lastError, lastError);
    assert.equal(parseBatchJob(stored({ key: 'batch.part.trouble' })), undefined, 'a damaged phrase is refused like any bad field');
    // A jobs file written by a newer version may name an id this one lacks: it loads, and shows the id rather than nothing.
    const future = parseBatchJob(stored({ key: 'batch.part.fromANewerVersion', args: { n: 1 } }));
    assert.equal(future && phraseText(future.parts[0]!.lastError!), 'batch.part.fromANewerVersion(1)');
  });

  it('reads the English reason of a batch that failed as a whole, saved before phrases, as the text it was', () => {
    const job = stored(undefined) as { parts: Record<string, unknown>[] };
    job.parts[0]!.status = { id: 'b', phase: 'ended', providerStatus: 'failed', outcome: 'failed', counts: { total: 1, done: 0, failed: 1 }, progressKnown: true, problem: 'its input file did not validate', lineErrors: [{ line: 1, message: 'bad' }], resultsRef: {} };
    const part = parseBatchJob(job)?.parts[0];
    assert.ok(part, 'an old record must still load');
    assert.deepEqual(part.status?.problem, verbatim('its input file did not validate'));
  });
});
