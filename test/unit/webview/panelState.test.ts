import * as assert from 'node:assert/strict';
import { parseWebviewMessage, type HostMessage, type TaskView } from '../../../src/shared/protocol';
import { PanelModel, withState, type PanelState } from '../../../webview-ui/panelState';
import { output, snapshot, taskView } from '../shared/protocolFixtures';

function shownTask(model: PanelModel): TaskView {
  const state: PanelState = model.state;
  assert.equal(state.kind, 'task');
  return state.task;
}

function state(seq: number, taskState: Extract<HostMessage, { type: 'task/state' }>['state'], taskId = 't-1'): HostMessage {
  return { type: 'task/state', taskId, seq, state: taskState };
}

describe('PanelModel', () => {
  it('starts loading, remembering the restored task id', () => {
    assert.deepEqual(new PanelModel().state, { kind: 'loading' });
    const restored = new PanelModel('t-7');
    assert.deepEqual(restored.state, { kind: 'loading', taskId: 't-7' });
    assert.equal(restored.shownTaskId, 't-7');
  });

  it('shows a snapshot', () => {
    const model = new PanelModel();
    assert.equal(model.apply(snapshot(1, { output: 'hi' })), 'task');
    assert.equal(shownTask(model).output, 'hi');
    assert.equal(model.shownTaskId, 't-1');
  });

  it('appends output in order and drops duplicate and stale chunks', () => {
    const model = new PanelModel();
    model.apply(snapshot(1));
    assert.equal(model.apply(output(2, 'Hello')), 'output');
    assert.equal(model.apply(output(3, ', world')), 'output');
    assert.equal(model.apply(output(3, ', world')), 'none', 'duplicate');
    assert.equal(model.apply(output(2, 'Hello')), 'none', 'stale');
    assert.equal(model.apply(output(1, 'older than snapshot')), 'none');
    assert.equal(shownTask(model).output, 'Hello, world');
  });

  it('drops output that the snapshot already includes', () => {
    const model = new PanelModel();
    model.apply(snapshot(5, { output: 'abc' }));
    assert.equal(model.apply(output(5, 'c')), 'none');
    assert.equal(model.apply(output(6, 'd')), 'output');
    assert.equal(shownTask(model).output, 'abcd');
  });

  it('clears the output on restart and marks the attempt', () => {
    const model = new PanelModel();
    model.apply(snapshot(1, { status: 'running', attempts: 1 }));
    model.apply(output(2, 'first try'));
    assert.equal(model.apply(output(3, 'second', { restart: true, attempt: 2 })), 'output');
    model.apply(output(4, ' try'));
    const current = model.state;
    assert.equal(current.kind, 'task');
    assert.equal(current.task.output, 'second try');
    assert.deepEqual(current.restart, { attempt: 2 });
  });

  it('marks a restart without an attempt number when the host gives none', () => {
    const model = new PanelModel();
    model.apply(snapshot(1, { output: 'old' }));
    model.apply(output(2, '', { restart: true }));
    model.apply(state(3, { status: 'running', attempts: 2 }));
    const current = model.state;
    assert.equal(current.kind === 'task' && current.task.output, '');
    assert.deepEqual(current.kind === 'task' && current.restart, {});
  });

  it('applies state updates, replacing every mutable field', () => {
    const model = new PanelModel();
    model.apply(snapshot(1, { output: 'text' }));
    model.apply(state(2, { status: 'running', attempts: 1, startedAt: 10, statusDetail: 'retrying in 3s (attempt 2 of 3): rate limited' }));
    assert.equal(shownTask(model).statusDetail, 'retrying in 3s (attempt 2 of 3): rate limited');
    const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false };
    assert.equal(model.apply(state(3, { status: 'completed', attempts: 2, startedAt: 10, finishedAt: 20, usage, costUsd: null })), 'state');
    const task = shownTask(model);
    assert.equal(task.status, 'completed');
    assert.equal(task.statusDetail, undefined, 'an absent field is cleared');
    assert.equal(task.costUsd, null);
    assert.deepEqual(task.usage, usage);
    assert.equal(task.output, 'text', 'output and identity are kept');
    assert.equal(task.title, 'Explain the queue');
    assert.equal(model.apply(state(3, { status: 'failed', attempts: 9 })), 'none', 'duplicate state');
    assert.equal(shownTask(model).status, 'completed');
  });

  it('ignores deltas for other tasks and deltas before any snapshot', () => {
    const model = new PanelModel();
    assert.equal(model.apply(output(1, 'early')), 'none');
    model.apply(snapshot(1));
    assert.equal(model.apply(output(2, 'other', { taskId: 't-2' })), 'none');
    assert.equal(model.apply(state(2, { status: 'failed', attempts: 1 }, 't-2')), 'none');
    assert.equal(shownTask(model).output, '');
    assert.equal(model.apply(output(2, 'mine')), 'output', 'seq 2 of t-1 is still new');
  });

  it('refreshes the same task only from a newer snapshot, keeping the restart marker', () => {
    const model = new PanelModel();
    model.apply(snapshot(3, { output: 'a' }));
    model.apply(output(4, 'b', { restart: true, attempt: 2 }));
    assert.equal(model.apply(snapshot(4, { output: 'stale' })), 'none');
    assert.equal(model.apply(snapshot(2, { output: 'older' })), 'none');
    assert.equal(model.apply(snapshot(6, { output: 'fresh', status: 'running' })), 'task');
    const current = model.state;
    assert.equal(current.kind === 'task' && current.task.output, 'fresh');
    assert.deepEqual(current.kind === 'task' && current.restart, { attempt: 2 });
  });

  it('takes the snapshot of a restarted extension host as the truth, although its seq starts over', () => {
    const model = new PanelModel();
    model.apply(snapshot(40, { status: 'running', attempts: 1, startedAt: 1, output: 'partial' }, 'host-before'));
    model.apply(output(57, ' more'));
    // The new host restored the task as interrupted; its event numbering began again at 0.
    const interrupted = { status: 'failed' as const, attempts: 1, startedAt: 1, finishedAt: 2, output: 'partial', error: { code: 'INTERRUPTED' as const, message: 'VS Code closed', remediation: 'Resume' } };
    assert.equal(model.apply(snapshot(0, interrupted, 'host-after')), 'task');
    assert.equal(shownTask(model).status, 'failed');
    assert.equal(shownTask(model).error?.code, 'INTERRUPTED');
    // Its own deltas are judged against its own numbering from then on.
    assert.equal(model.apply(output(1, '!')), 'output');
    assert.equal(model.apply(snapshot(0, { status: 'running' }, 'host-after')), 'none', 'the same host\'s stale snapshot is still dropped');
  });

  it('switches to a different task even when its seq is lower, and back again', () => {
    const model = new PanelModel();
    model.apply(snapshot(10, { output: 'one' }));
    model.apply(output(11, '!'));
    model.apply(output(12, '', { restart: true, attempt: 2 }));
    assert.equal(model.apply(snapshot(2, { id: 't-2', output: 'two' })), 'task');
    const second = model.state;
    assert.equal(second.kind === 'task' && second.task.id, 't-2');
    assert.equal(second.kind === 'task' && second.restart, undefined, 'markers belong to the task that restarted');
    assert.equal(model.shownTaskId, 't-2');
    assert.equal(model.apply(output(12, 'late chunk for t-1')), 'none');
    // Back to t-1 with an older seq than was applied before: the gate starts over for it.
    assert.equal(model.apply(snapshot(5, { output: 'one again' })), 'task');
    assert.equal(shownTask(model).output, 'one again');
    assert.equal(model.apply(output(6, '+')), 'output');
    assert.equal(shownTask(model).output, 'one again+');
  });

  it('shows the empty state and then accepts the next snapshot', () => {
    const model = new PanelModel('t-1');
    model.apply(snapshot(4));
    assert.equal(model.apply({ type: 'panel/empty' }), 'empty');
    assert.deepEqual(model.state, { kind: 'empty' });
    assert.equal(model.shownTaskId, undefined);
    assert.equal(model.apply(output(5, 'x')), 'none');
    assert.equal(model.apply(snapshot(1)), 'task', 'a newly shown task starts a fresh sequence');
  });
});

describe('withState', () => {
  it('keeps identity and output, replaces the mutable part', () => {
    const before = taskView({ status: 'failed', attempts: 1, error: { code: 'TIMEOUT', message: 'm', remediation: 'r' }, output: 'o' });
    const after = withState(before, { status: 'queued', attempts: 1 });
    assert.equal(after.error, undefined);
    assert.equal('error' in after, false);
    assert.equal(after.status, 'queued');
    assert.equal(after.output, 'o');
    assert.equal(after.id, before.id);
  });

  it('applies a rating to the shown task whatever its sequence (ratings come after the terminal event), and ignores one for another task', () => {
    const model = new PanelModel();
    model.apply(snapshot(7, { status: 'completed' }));
    assert.equal(model.apply({ type: 'task/rated', taskId: 't-1', rating: 'up' }), 'state');
    assert.equal(shownTask(model).rating, 'up');
    assert.equal(model.apply({ type: 'task/rated', taskId: 't-2', rating: 'down' }), 'none');
    assert.equal(model.apply({ type: 'task/rated', taskId: 't-1' }), 'state');
    assert.equal(shownTask(model).rating, undefined);
    assert.equal(model.apply(output(8, 'x')), 'output', 'the sequence goes on as before');
  });

  it('accepts the rate message from the webview only with a known rating', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'rate', taskId: 't-1', rating: 'up' }), { type: 'rate', taskId: 't-1', rating: 'up' });
    assert.deepEqual(parseWebviewMessage({ type: 'rate', taskId: 't-1', rating: 'none' }), { type: 'rate', taskId: 't-1', rating: 'none' });
    assert.equal(parseWebviewMessage({ type: 'rate', taskId: 't-1', rating: 'meh' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rate', taskId: '', rating: 'up' }), undefined);
  });

  it('replaces the step outputs and the log with task/details, for the shown task only', () => {
    const model = new PanelModel();
    model.apply(snapshot(3, { status: 'running', stepOutputs: ['a', ''], log: [{ at: 1, level: 'info', message: 'old' }] }));
    assert.equal(model.apply({ type: 'task/details', taskId: 't-1', stepOutputs: ['a', 'b'] }), 'state');
    assert.deepEqual(shownTask(model).stepOutputs, ['a', 'b']);
    assert.equal(shownTask(model).log, undefined, 'a details message is the whole current value');
    assert.equal(model.apply({ type: 'task/details', taskId: 't-9', log: [] }), 'none');
    assert.equal(model.apply(output(4, 'x')), 'output');
  });
});

describe('PanelModel live usage', () => {
  it('counts usage up from output messages while running, and the provider\'s figures replace it', () => {
    const model = new PanelModel();
    model.apply(snapshot(1, { status: 'running' }));
    const usage = (n: number, estimated: boolean) => ({ inputTokens: 10, outputTokens: n, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated });
    model.apply({ type: 'task/output', taskId: 't-1', seq: 2, text: 'Hel', estimate: { usage: usage(1, true), costUsd: 0.001 } });
    model.apply({ type: 'task/output', taskId: 't-1', seq: 3, text: 'lo', estimate: { usage: usage(2, true), costUsd: 0.002 } });
    assert.equal(shownTask(model).usage?.outputTokens, 2);
    assert.equal(shownTask(model).usage?.estimated, true);
    model.apply({ type: 'task/state', taskId: 't-1', seq: 4, state: { status: 'completed', attempts: 1, usage: usage(7, false), costUsd: 0.01 } });
    assert.equal(shownTask(model).usage?.outputTokens, 7);
    assert.equal(shownTask(model).usage?.estimated, false);
  });
});
