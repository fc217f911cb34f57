import { strict as assert } from 'node:assert';
import * as v from 'valibot';
import type { Task } from '../../../src/core/domain/taskModel';
import { TaskViewSchema } from '../../../src/shared/protocol';
import { toTaskView } from '../../../src/views/panel/taskViewMapper';
import { phrase, verbatim } from '../../../src/core/domain/phrase';

const KEY = 'sk-test-0123456789abcdefghij';
const ctx = { providerLabel: () => 'Label', redact: (t: string) => t.split(KEY).join('«redacted»'), safeLength: (t: string) => t.length };

describe('toTaskView', () => {
  it('produces a view that passes the protocol schema', () => {
    const task: Task = { id: 't', title: 'T', prompt: 'p', providerId: 'simulator', model: 'm', priority: 'high', status: 'failed', attempts: 2, createdAt: 1, output: 'o', error: { code: 'AUTH', reason: verbatim('bad'), retryable: false, status: 401 }, costUsd: null, simulated: true };
    const view = toTaskView(task, ctx);
    assert.ok(v.safeParse(TaskViewSchema, view).success);
    assert.equal(view.simulated, true);
    assert.equal(view.costUsd, null);
    assert.equal(view.error?.status, 401);
  });

  it('marks a task simulated from the task itself, not from which providers exist now', () => {
    const base: Task = { id: 't', title: 'T', prompt: 'p', providerId: 'simulator', model: 'm', priority: 'normal', status: 'completed', attempts: 1, createdAt: 1, output: 'o' };
    assert.equal(toTaskView({ ...base, simulated: true }, ctx).simulated, true);
    assert.equal(toTaskView({ ...base, providerId: 'openai' }, ctx).simulated, false);
  });

  it('redacts a key echoed in output or error text', () => {
    const task: Task = { id: 't', title: 'T', prompt: 'p', providerId: 'x', model: 'm', priority: 'normal', status: 'failed', attempts: 1, createdAt: 1, output: `echo ${KEY}`, error: { code: 'AUTH', reason: verbatim(`key ${KEY} rejected`), retryable: false } };
    const json = JSON.stringify(toTaskView(task, ctx));
    assert.ok(!json.includes(KEY));
    assert.ok(json.includes('«redacted»'));
  });

  it('sends the status line both ways, so the webview announces it without the ticking seconds', () => {
    const at = (seconds: number) => toTaskView({ id: 't', title: 'T', prompt: 'p', providerId: 'x', model: 'm', priority: 'normal', status: 'running', attempts: 1, createdAt: 1, output: '', statusDetail: phrase('waiting.retrying', { seconds, attempt: 2, allowed: 3, reason: verbatim('HTTP 503') }) }, ctx);
    assert.equal(at(3).statusDetail, 'retrying in 3s (attempt 2 of 3): HTTP 503');
    assert.equal(at(3).statusDetailSteady, 'retrying soon (attempt 2 of 3): HTTP 503');
    assert.ok(v.safeParse(TaskViewSchema, at(3)).success);
    const still = toTaskView({ id: 't', title: 'T', prompt: 'p', providerId: 'x', model: 'm', priority: 'normal', status: 'running', attempts: 1, createdAt: 1, output: '', statusDetail: verbatim('no countdown here') }, ctx);
    assert.equal(still.statusDetailSteady, undefined, 'a line that does not tick is sent once');
  });
});
