// What a screen reader hears for a tree row and the status bar: the status, model, cost and error
// class in words, never a codicon name or Markdown, and nothing that changes every second.
import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import * as l10n from '@vscode/l10n';
import { phraseText, steadyPhraseText } from '../../../src/views/format/phraseText';
import { statusBarAccessibleLabel, taskAccessibleLabel } from '../../../src/views/format/accessibleText';
import { task, usage } from '../helpers/taskFixture';
import { phrase, verbatim } from '../../../src/core/domain/phrase';

describe('Accessible text: tree rows and the status bar', () => {
  it('a finished row says its status, model and cost; a failed one its error class in words', () => {
    assert.equal(taskAccessibleLabel(task('a', { costUsd: 0.000123, usage: usage(10, 5) }), 'Explain TCP', 'OpenAI'), 'Explain TCP, completed, OpenAI model gpt-4o, cost $0.00012');
    const failed = task('b', { status: 'failed', error: failure('RATE_LIMITED', verbatim('HTTP 429 from OpenAI: slow down')), costUsd: null });
    assert.equal(taskAccessibleLabel(failed, 'Sum', 'OpenAI'), 'Sum, failed, rate limited, OpenAI model gpt-4o, price unknown');
    assert.equal(taskAccessibleLabel(task('c', { costUsd: 0, providerId: 'ollama', model: 'llama3.2' }), 'Local', 'Ollama'), 'Local, completed, Ollama model llama3.2, free');
  });

  it('a waiting or retrying row reads the same whichever second of its countdown it is in', () => {
    const at = (seconds: number): string =>
      taskAccessibleLabel(task('w', { status: 'running', finishedAt: undefined, costUsd: undefined, statusDetail: phrase('waiting.retrying', { seconds, attempt: 2, allowed: 3, reason: verbatim('HTTP 503 from OpenAI') }) }), 'Long job', 'OpenAI');
    assert.equal(at(3), at(2));
    assert.equal(at(3), 'Long job, running, retrying soon (attempt 2 of 3): HTTP 503 from OpenAI, OpenAI model gpt-4o');
    const waiting = (s: number): string => taskAccessibleLabel(task('q', { status: 'waiting', startedAt: undefined, finishedAt: undefined, statusDetail: phrase('waiting.unavailable.next', { seconds: s }) }), 'Q', 'OpenAI');
    assert.equal(waiting(12), waiting(11));
  });

  it('a running row leaves out the cost being counted up while it streams', () => {
    const running = task('r', { status: 'running', finishedAt: undefined, costUsd: 0.01, usage: usage(10, 50) });
    assert.equal(taskAccessibleLabel(running, 'R', 'OpenAI'), 'R, running, OpenAI model gpt-4o');
  });

  it('a countdown line has a steady form per phrase, nested ones included; other lines stay as they are', () => {
    assert.equal(steadyPhraseText(phrase('waiting.hold', { provider: 'OpenAI', seconds: 4 })), 'waiting: OpenAI asked to wait (rate limited)');
    assert.equal(steadyPhraseText(phrase('waiting.rate', { provider: 'OpenAI', seconds: 1 })), "waiting: OpenAI's request rate, next request soon");
    const refusal = phrase('waiting.refusal', { why: verbatim('HTTP 429'), when: phrase('waiting.resendIn', { seconds: 2 }), next: phrase('waiting.rateLimitAttempt', { attempt: 2, allowed: 4 }) });
    assert.equal(phraseText(refusal), 'waiting: HTTP 429; resending in 2s (attempt 2 of 4; a rate limit does not use up an attempt)');
    assert.equal(steadyPhraseText(refusal), 'waiting: HTTP 429; resending soon (attempt 2 of 4; a rate limit does not use up an attempt)');
    assert.equal(steadyPhraseText(verbatim('cached — saved $0.0123')), 'cached — saved $0.0123');
  });

  it('the steady form is a message of its own, so it holds in any language (no pattern cut out of English)', () => {
    l10n.config({ contents: { 'retrying in {0}s (attempt {1} of {2}): {3}': 'nouvel essai dans {0} s (tentative {1} sur {2}) : {3}', 'retrying soon (attempt {0} of {1}): {2}': 'nouvel essai bientôt (tentative {0} sur {1}) : {2}' } });
    try {
      const line = (seconds: number) => phrase('waiting.retrying', { seconds, attempt: 2, allowed: 3, reason: verbatim('HTTP 503') });
      assert.equal(phraseText(line(3)), 'nouvel essai dans 3 s (tentative 2 sur 3) : HTTP 503');
      assert.equal(steadyPhraseText(line(3)), steadyPhraseText(line(2)));
      assert.equal(steadyPhraseText(line(3)), 'nouvel essai bientôt (tentative 2 sur 3) : HTTP 503');
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('the status bar reads as a sentence: no $(codicon), no Markdown, and says when and why it is paused', () => {
    const label = statusBarAccessibleLabel({ running: 2, waiting: 1, queued: 5, paused: true, pauseReason: 'the $5.00 budget for today is reached', spend: '≈$0.1200', budget: 'reached' });
    assert.equal(label, 'AI Task Queue, paused: the $5.00 budget for today is reached, 2 running, 1 waiting for a provider, 5 queued, spent about $0.1200 this session, a budget limit is reached');
    assert.doesNotMatch(label, /\$\(|\*\*/);
    assert.equal(statusBarAccessibleLabel({ running: 0, waiting: 0, queued: 0, paused: false, spend: '$0', budget: 'ok' }), 'AI Task Queue, 0 running, 0 queued, spent $0 this session');
  });
});
