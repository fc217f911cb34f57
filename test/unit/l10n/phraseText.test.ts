// A phrase from src/core becomes a sentence only in the adapters, in the window's language; its
// nested phrases are put into words too, and text that is not ours passes through untouched.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { phrase, phraseId, verbatim } from '../../../src/core/domain/phrase';
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
});
