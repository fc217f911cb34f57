// A failure's message, its class's advice and the next step, each sentence said once.
import { strict as assert } from 'node:assert';
import { distinctSentences } from '../../../src/views/format/distinctSentences';

describe('distinctSentences: a failure says each thing once', () => {
  it('drops a clause the message already said ("the partial output was kept")', () => {
    const [advice] = distinctSentences(['Raise the limit, shorten the prompt, or retry; the partial output was kept.'], 'Timed out after 300s (total timeout); the partial output was kept.');
    assert.equal(advice, 'Raise the limit, shorten the prompt, or retry.');
  });

  it('drops the same advice in other words, keeping the first (the next step)', () => {
    const [next, remediation] = distinctSentences(['Raise "aiTaskQueue.timeoutSeconds" or shorten the prompt, then retry.', 'Raise "aiTaskQueue.timeoutSeconds", shorten the prompt, or retry.'], 'Timed out after 300s.');
    assert.equal(next, 'Raise "aiTaskQueue.timeoutSeconds" or shorten the prompt, then retry.');
    assert.equal(remediation, '');
  });

  it('keeps what differs', () => {
    const [next, remediation] = distinctSentences(['Add credit with the provider, or retry with another model.', "The account's quota is used up. Retrying will not help."], 'HTTP 429: insufficient_quota');
    assert.equal(next, 'Add credit with the provider, or retry with another model.');
    assert.equal(remediation, "The account's quota is used up. Retrying will not help.");
  });
});
