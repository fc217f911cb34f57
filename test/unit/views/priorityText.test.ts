// Priorities are codes in settings and the protocol, words in the UI: each has its own messages.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { PRIORITIES } from '../../../src/shared/taskVocabulary';
import { priorityName, priorityPhrase } from '../../../src/views/format/priorityText';

describe('priorityText', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('writes each priority in English by default', () => {
    assert.deepEqual(PRIORITIES.map(priorityName), ['urgent', 'high', 'normal', 'low']);
    assert.deepEqual(PRIORITIES.map(priorityPhrase), ['urgent priority', 'high priority', 'normal priority', 'low priority']);
  });

  it('takes every word from the bundle, so a translation replaces the code', () => {
    l10n.config({ contents: { 'high/A task priority, as a value: "Priority: high".': 'hoch', 'high priority': 'hohe Priorität' } });
    assert.equal(priorityName('high'), 'hoch');
    assert.equal(priorityPhrase('high'), 'hohe Priorität');
  });
});
