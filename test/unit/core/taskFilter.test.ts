import { strict as assert } from 'node:assert';
import { formatTaskFilter, parseTaskFilter, taskMatcher, type TaskFilter } from '../../../src/core/reports/taskFilter';
import { failure } from '../../../src/core/domain/failureClassifier';
import { task } from '../helpers/taskFixture';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';

function filter(query: string): TaskFilter {
  const parsed = parseTaskFilter(query);
  assert.ok(!parsed.error, parsed.error && phraseText(parsed.error));
  assert.ok(parsed.filter);
  return parsed.filter;
}

describe('task filter (tree search)', () => {
  it('parses keys, comma lists, quoted phrases and free words', () => {
    assert.deepEqual(filter('status:failed,Cancelled provider:openai model:"my model" batch:b1 timeout "rate limit"'), {
      statuses: ['failed', 'cancelled'],
      providers: ['openai'],
      models: ['my model'],
      batchId: 'b1',
      terms: ['timeout', 'rate limit'],
    });
    assert.deepEqual(parseTaskFilter('   '), { filter: undefined });
    assert.deepEqual(filter('url:http://x'), { terms: ['url:http://x'] }, 'an unknown key is just text');
  });

  it('explains what is wrong instead of guessing', () => {
    assert.deepEqual(parseTaskFilter('status:done').error, phrase('report.filter.unknownStatus', { value: 'done', statuses: 'queued, waiting, running, completed, failed, cancelled' }));
    assert.match(phraseText(parseTaskFilter('status:done').error!), /^Unknown status "done"; use queued, waiting, running, completed, failed, cancelled\.$/);
    assert.deepEqual(parseTaskFilter('model:').error, phrase('report.filter.needsValue', { key: 'model', example: 'gpt-4o' }));
    assert.equal(phraseText(parseTaskFilter('model:').error!), '"model:" needs a value, e.g. model:gpt-4o');
  });

  it('formats back to a query that parses to the same filter', () => {
    for (const q of ['status:failed model:gpt-4o timeout', 'provider:"LM Studio" "two words"', 'batch:abc']) {
      assert.deepEqual(filter(formatTaskFilter(filter(q))), filter(q));
    }
  });

  it('matches status, provider id or label, model substring, batch and text (title, prompt, output, error), case-insensitively', () => {
    const t = task('x', { status: 'failed', providerId: 'lmstudio', model: 'Qwen2.5-7B', batchId: 'b1', output: 'The Answer', error: failure('RATE_LIMITED', verbatim('Too many requests (429)')) });
    const match = (q: string): boolean => taskMatcher(filter(q), (id) => (id === 'lmstudio' ? 'LM Studio' : id))(t);
    assert.ok(match('status:failed,completed'));
    assert.ok(!match('status:completed'));
    assert.ok(match('provider:"lm studio"') && match('provider:lmst'));
    assert.ok(!match('provider:openai'));
    assert.ok(match('model:qwen2.5') && !match('model:llama'));
    assert.ok(match('batch:b1') && !match('batch:b2'));
    assert.ok(match('answer') && match('"too many"') && match('prompt of'));
    assert.ok(!match('answer missing-word'), 'every word must match');
    assert.ok(match('(429)'), 'regex characters are literal');
    // Our own reasons are phrases: a term finds the words the person reads, not the phrase's id.
    const timedOut = task('y', { status: 'failed', error: failure('TIMEOUT', phrase('failure.timeout.total', { seconds: 30 })) });
    assert.ok(taskMatcher(filter('"timed out after 30s"'), (id) => id, phraseText)(timedOut));
    assert.ok(!taskMatcher(filter('"timed out after 30s"'), (id) => id, phraseText)(t));
  });
});
