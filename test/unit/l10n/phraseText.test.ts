// A phrase from src/core becomes a sentence only in the adapters, in the window's language; its
// nested phrases are put into words too, and text that is not ours passes through untouched.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { mapPhraseText, phrase, phraseId, verbatim } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';

describe('phraseText: src/core phrases in words', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('passes text that is not ours through unchanged, whatever the bundle', () => {
    l10n.config({ contents: { 'x {0}': 'ẋ {0}' } });
    assert.equal(phraseText(verbatim('upstream said: no')), 'upstream said: no');
  });

  it('names a phrase without words for logs, nested phrases included', () => {
    assert.equal(phraseId(phrase('verbatim', { text: 'as is' })), 'as is');
  });

  it('names a nested phrase by its id and arguments, and writes it in words', () => {
    const p = phrase('waiting.retrying', { seconds: 3, attempt: 2, allowed: 3, reason: phrase('provider.http', { status: 503, provider: 'OpenAI', detail: phrase('provider.noDetails', {}) }) });
    assert.equal(phraseId(p), 'waiting.retrying(3, 2, 3, provider.http(503, OpenAI, provider.noDetails()))');
    assert.equal(phraseText(p), 'retrying in 3s (attempt 2 of 3): HTTP 503 from OpenAI: no details');
  });

  it('maps every text argument, nested ones too, and leaves numbers and ids alone (how keys are redacted)', () => {
    const p = phrase('failure.step.failed', { step: 1, steps: 2, name: 'sk-1', reason: verbatim('bad key sk-1') });
    const redacted = mapPhraseText(p, (t) => t.replaceAll('sk-1', '[redacted]'));
    assert.deepEqual(redacted, phrase('failure.step.failed', { step: 1, steps: 2, name: '[redacted]', reason: verbatim('bad key [redacted]') }));
    assert.equal(phraseText(redacted), 'Step 1 of 2 ([redacted]) failed: bad key [redacted]');
  });
});
