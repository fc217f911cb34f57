// Engine tasks for tests of pure functions over history (statistics, retention, export, filters).
import type { Task } from '../../../src/core/domain/taskModel';

export const T0 = Date.UTC(2025, 2, 10, 12, 0, 0);

export function task(id: string, extra: Partial<Task> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    prompt: `prompt of ${id}`,
    providerId: 'openai',
    model: 'gpt-4o',
    priority: 'normal',
    status: 'completed',
    attempts: 1,
    createdAt: T0,
    startedAt: T0,
    finishedAt: T0 + 1_000,
    output: `output of ${id}`,
    ...extra,
  };
}

export function usage(input: number, output: number, estimated = false): Task['usage'] {
  return { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated };
}
