import * as assert from 'node:assert/strict';
import {
  parseHostMessage,
  parsePersistedState,
  parseWebviewMessage,
  SequenceGate,
} from '../../../src/shared/protocol';
import { output, snapshot, taskView } from './protocolFixtures';

describe('protocol: host → webview messages', () => {
  it('accepts every valid message kind', () => {
    const valid: unknown[] = [
      snapshot(1),
      snapshot(3, {
        status: 'failed',
        attempts: 2,
        startedAt: 1,
        finishedAt: 2,
        statusDetail: 'retrying in 3s (attempt 2 of 3): rate limited',
        usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: 3, cacheWriteTokens: 4, reasoningTokens: 5, estimated: true },
        costUsd: null,
        error: { code: 'RATE_LIMITED', message: 'slow down', remediation: 'wait', status: 429 },
      }),
      { type: 'task/output', taskId: 't-1', seq: 2, text: 'hello' },
      { type: 'task/output', taskId: 't-1', seq: 3, text: '', restart: true, attempt: 2 },
      { type: 'task/state', taskId: 't-1', seq: 4, state: { status: 'running', attempts: 1, costUsd: 0.01 } },
      { type: 'panel/empty' },
    ];
    for (const message of valid) assert.ok(parseHostMessage(message), JSON.stringify(message));
  });

  it('rejects unknown, malformed and oversized messages', () => {
    const invalid: unknown[] = [
      undefined,
      null,
      'task/snapshot',
      42,
      {},
      { type: 'task/unknown', taskId: 't-1', seq: 1 },
      { type: 'task/output', taskId: 't-1', text: 'no seq' },
      { type: 'task/output', taskId: 't-1', seq: -1, text: 'negative seq' },
      { type: 'task/output', taskId: 't-1', seq: 1.5, text: 'fractional seq' },
      { type: 'task/output', taskId: 't-1', seq: '1', text: 'string seq' },
      { type: 'task/output', taskId: '', seq: 1, text: 'empty id' },
      { type: 'task/output', taskId: 'x'.repeat(201), seq: 1, text: 'oversized id' },
      { type: 'task/output', taskId: 't-1', seq: 1, text: 7 },
      { type: 'task/output', taskId: 't-1', seq: 1, text: 'x', attempt: -1 },
      { type: 'task/state', taskId: 't-1', seq: 1, state: { status: 'exploded', attempts: 0 } },
      { type: 'task/state', taskId: 't-1', seq: 1, state: { status: 'failed', attempts: 1, error: { code: 'NOPE', message: '', remediation: '' } } },
      { type: 'task/snapshot', seq: 1, task: { ...taskView(), priority: 'whenever' } },
      { type: 'task/snapshot', seq: 1, task: { ...taskView(), simulated: 'yes' } },
      { type: 'task/snapshot', seq: 1, task: { ...taskView(), id: 'y'.repeat(201) } },
    ];
    for (const message of invalid) assert.equal(parseHostMessage(message), undefined, JSON.stringify(message)?.slice(0, 120));
  });

  it('strips fields the protocol does not declare', () => {
    const parsed = parseHostMessage({ ...output(1, 'hi'), html: '<script>x</script>' });
    assert.ok(parsed);
    assert.equal('html' in parsed, false);
  });
});

describe('protocol: webview → host messages', () => {
  it('accepts ready, cancel and retry', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'cancel', taskId: 't-1' }), { type: 'cancel', taskId: 't-1' });
    assert.deepEqual(parseWebviewMessage({ type: 'retry', taskId: 't-1' }), { type: 'retry', taskId: 't-1' });
  });

  it('rejects anything else', () => {
    const invalid: unknown[] = [
      null,
      { type: 'openLink', href: 'https://example.com' },
      { type: 'cancel' },
      { type: 'retry', taskId: '' },
      { type: 'cancel', taskId: 'z'.repeat(201) },
      { type: 'cancel', taskId: 5 },
      { type: 'task/snapshot', seq: 1, task: taskView() },
    ];
    for (const message of invalid) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 120));
  });
});

describe('protocol: persisted webview state', () => {
  it('accepts an empty state or a task id, and keeps nothing else', () => {
    assert.deepEqual(parsePersistedState({}), {});
    assert.deepEqual(parsePersistedState({ taskId: 't-1', output: 'secret', apiKey: 'sk-x' }), { taskId: 't-1' });
  });

  it('rejects malformed state', () => {
    for (const state of [null, undefined, 'x', { taskId: 5 }, { taskId: '' }, { taskId: 'q'.repeat(201) }]) {
      assert.equal(parsePersistedState(state), undefined, JSON.stringify(state));
    }
  });
});

describe('SequenceGate', () => {
  it('accepts the first message and newer ones, drops duplicates and stale ones', () => {
    const gate = new SequenceGate();
    assert.equal(gate.accept('a', 3), true);
    assert.equal(gate.accept('a', 3), false, 'duplicate');
    assert.equal(gate.accept('a', 2), false, 'stale');
    assert.equal(gate.accept('a', 4), true);
    assert.equal(gate.accept('a', 10), true, 'gaps are fine');
    assert.equal(gate.accept('a', 9), false);
  });

  it('tracks each task separately', () => {
    const gate = new SequenceGate();
    assert.equal(gate.accept('a', 5), true);
    assert.equal(gate.accept('b', 1), true);
    assert.equal(gate.accept('b', 1), false);
    assert.equal(gate.accept('a', 6), true);
  });

  it('treats snapshots like deltas and starts over after forget', () => {
    const gate = new SequenceGate();
    assert.equal(gate.acceptSnapshot('a', 5), true);
    assert.equal(gate.acceptSnapshot('a', 5), false);
    assert.equal(gate.accept('a', 4), false);
    gate.forget('a');
    assert.equal(gate.acceptSnapshot('a', 1), true);
    assert.equal(gate.accept('a', 2), true);
  });
});
