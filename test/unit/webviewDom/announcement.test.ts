// The panel's live announcement reads a waiting task's status line without its seconds, from the
// line the host wrote for that (in the window's language), so it is not read out again each tick.
import { strict as assert } from 'node:assert';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import type { Task } from '../../../src/core/domain/taskModel';
import { toTaskView } from '../../../src/views/panel/taskViewMapper';
import { announcement } from '../../../webview-ui/renderHeader';

const ctx = { providerLabel: () => 'Label', redact: (t: string) => t, safeLength: (t: string) => t.length };
const waiting = (seconds: number): Task => ({ id: 't', title: 'T', prompt: 'p', providerId: 'x', model: 'm', priority: 'normal', status: 'running', attempts: 1, createdAt: 1, output: '', statusDetail: phrase('waiting.retrying', { seconds, attempt: 2, allowed: 3, reason: verbatim('HTTP 503') }) });

describe('Panel announcement of a status line that counts down', () => {
  it('is the same at every tick, and says what the line says without the seconds', () => {
    const at3 = announcement(toTaskView(waiting(3), ctx));
    assert.equal(at3, announcement(toTaskView(waiting(2), ctx)));
    assert.equal(at3, 'Running: retrying soon (attempt 2 of 3): HTTP 503');
  });

  it('falls back to the status line itself when the host sent no steady form', () => {
    const view = toTaskView({ ...waiting(3), statusDetail: verbatim('probing') }, ctx);
    assert.equal(announcement(view), 'Running: probing');
  });
});
