// Valid protocol values for the webview and protocol tests.
import type { HostMessage, TaskView } from '../../../src/shared/protocol';

export function taskView(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 't-1',
    title: 'Explain the queue',
    prompt: 'Explain how the queue orders tasks.',
    providerId: 'openaiCompatible',
    providerLabel: 'OpenAI-compatible',
    model: 'gpt-4.1-mini',
    priority: 'normal',
    createdAt: 1_700_000_000_000,
    output: '',
    simulated: false,
    status: 'queued',
    attempts: 0,
    ...overrides,
  };
}

export function snapshot(seq: number, overrides: Partial<TaskView> = {}, host = 'host-1'): HostMessage {
  return { type: 'task/snapshot', seq, host, task: taskView(overrides) };
}

export function output(seq: number, text: string, extra: { taskId?: string; restart?: boolean; attempt?: number } = {}): HostMessage {
  return { type: 'task/output', taskId: extra.taskId ?? 't-1', seq, text, restart: extra.restart, attempt: extra.attempt };
}
