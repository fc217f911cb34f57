// Dates carry no words, so a translated window never shows an English month or "PM".
import { strict as assert } from 'node:assert';
import { formatTimestamp } from '../../../src/views/format/timestampText';

describe('formatTimestamp', () => {
  it('writes local date and time as numbers, minutes zero-padded', () => {
    const at = new Date(2026, 0, 5, 9, 7, 30).getTime();
    assert.equal(formatTimestamp(at), '2026-01-05 09:07');
  });

  it('has no letters whatever the time of day', () => {
    for (const hour of [0, 11, 12, 23]) assert.doesNotMatch(formatTimestamp(new Date(2026, 11, 31, hour, 59).getTime()), /[A-Za-z]/);
  });
});
