// The panel's state and the reducer that applies host messages to it. No DOM: unit-tested in Node.
// The host may resend or reorder messages (a webview reload, a late event), so every task-scoped
// message passes a per-task SequenceGate before it is applied.
import { SequenceGate, TaskStateViewSchema, type HostMessage, type TaskStateView, type TaskView } from '../src/shared/protocol';

const STATE_KEYS = Object.keys(TaskStateViewSchema.entries) as (keyof TaskStateView)[];

/** A state message replaces every mutable field: one it leaves out (statusDetail, error…) is cleared. */
export function withState(task: TaskView, state: TaskStateView): TaskView {
  const next: Partial<TaskView> = { ...task };
  for (const key of STATE_KEYS) delete next[key];
  return { ...(next as Omit<TaskView, keyof TaskStateView>), ...state };
}

/** Output was cleared because a new attempt began; `attempt` is absent when the host did not say. */
export interface RestartMarker {
  readonly attempt?: number;
}

export type PanelState =
  /** Before the first snapshot; `taskId` is the task restored from the webview state, if any. */
  | { readonly kind: 'loading'; readonly taskId?: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'task'; readonly task: TaskView; readonly restart?: RestartMarker };

/**
 * What an applied message changed, so the view can redraw only that part:
 * `task` a (new or refreshed) snapshot, `state` the mutable fields, `output` the streamed text.
 */
export type PanelChange = 'none' | 'empty' | 'task' | 'state' | 'output';

export class PanelModel {
  private readonly gate = new SequenceGate();
  private current: PanelState;
  /** The extension host instance whose sequence numbers the gate holds. */
  private host: string | undefined;

  constructor(restoredTaskId?: string) {
    this.current = restoredTaskId === undefined ? { kind: 'loading' } : { kind: 'loading', taskId: restoredTaskId };
  }

  get state(): PanelState {
    return this.current;
  }

  /** The id of the task the panel shows (or is waiting for), which the webview persists. */
  get shownTaskId(): string | undefined {
    if (this.current.kind === 'task') return this.current.task.id;
    if (this.current.kind === 'loading') return this.current.taskId;
    return undefined;
  }

  apply(message: HostMessage): PanelChange {
    switch (message.type) {
      case 'panel/empty':
        this.current = { kind: 'empty' };
        return 'empty';
      case 'task/snapshot':
        return this.applySnapshot(message.task, message.seq, message.host);
      case 'task/state': {
        const shown = this.acceptDelta(message.taskId, message.seq);
        if (!shown) return 'none';
        this.current = { ...shown, task: withState(shown.task, message.state) };
        return 'state';
      }
      case 'task/rated': {
        if (this.current.kind !== 'task' || this.current.task.id !== message.taskId) return 'none';
        const { rating: _old, ...task } = this.current.task;
        this.current = { ...this.current, task: { ...task, ...(message.rating && { rating: message.rating }) } };
        return 'state';
      }
      case 'task/details': {
        if (this.current.kind !== 'task' || this.current.task.id !== message.taskId) return 'none';
        const { stepOutputs: _outputs, log: _log, ...task } = this.current.task;
        this.current = { ...this.current, task: { ...task, ...(message.stepOutputs && { stepOutputs: message.stepOutputs }), ...(message.log && { log: message.log }) } };
        return 'state';
      }
      case 'task/output': {
        const shown = this.acceptDelta(message.taskId, message.seq);
        if (!shown) return 'none';
        const output = message.restart ? message.text : shown.task.output + message.text;
        const restart: RestartMarker | undefined = message.restart
          ? message.attempt === undefined ? {} : { attempt: message.attempt }
          : shown.restart;
        // Live figures count up while it runs; the provider's own (a state message) replace them.
        const live = message.estimate && shown.task.status === 'running' ? { usage: message.estimate.usage, costUsd: message.estimate.costUsd } : {};
        this.current = { kind: 'task', task: { ...shown.task, output, ...live }, ...(restart ? { restart } : {}) };
        return 'output';
      }
    }
  }

  private applySnapshot(task: TaskView, seq: number, host: string): PanelChange {
    const shown = this.current.kind === 'task' ? this.current : undefined;
    const newHost = host !== this.host;
    this.host = host;
    // A restarted extension host numbers events from scratch: what it says now is the truth (the
    // task that was running is interrupted), never "older" than what the last host said.
    if (shown?.task.id !== task.id || newHost) {
      // A newly shown task starts a fresh sequence: an older seq than one applied before, when this
      // task was last shown, is still the newest state the host has for it now.
      this.gate.forget(task.id);
      this.gate.acceptSnapshot(task.id, seq);
      this.current = { kind: 'task', task };
      return 'task';
    }
    if (!this.gate.acceptSnapshot(task.id, seq)) return 'none';
    this.current = { kind: 'task', task, ...(shown.restart ? { restart: shown.restart } : {}) };
    return 'task';
  }

  /** Returns the shown-task state when a delta for it is new; deltas for other tasks are ignored. */
  private acceptDelta(taskId: string, seq: number): Extract<PanelState, { kind: 'task' }> | undefined {
    if (this.current.kind !== 'task' || this.current.task.id !== taskId) return undefined;
    return this.gate.accept(taskId, seq) ? this.current : undefined;
  }
}
