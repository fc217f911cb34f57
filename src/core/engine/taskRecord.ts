// How a task record is made from what a caller submits, and what a re-run (Retry, Resume) of a
// finished task submits: the same prompt and settings and, for a workflow, its finished steps
// carried over so the re-run starts at the step that did not finish.
import type { MutableTask, Task, TaskInput } from '../domain/taskModel';
import { stepsForRerun } from '../domain/workflowStep';

export function newTaskRecord(input: TaskInput, id: string, now: number): MutableTask {
  const steps = input.steps && stepsForRerun(input.steps);
  return {
    id,
    title: input.title,
    prompt: input.prompt,
    providerId: input.providerId,
    model: input.model,
    priority: input.priority ?? 'normal',
    status: 'queued',
    attempts: 0,
    createdAt: now,
    output: '',
    ...(input.systemPrompt !== undefined && { systemPrompt: input.systemPrompt }),
    ...(input.timeoutMs !== undefined && { timeoutMs: input.timeoutMs }),
    ...(input.batchId !== undefined && { batchId: input.batchId }),
    ...(input.retryOf !== undefined && { retryOf: input.retryOf }),
    ...(input.maxOutputTokens !== undefined && { maxOutputTokens: input.maxOutputTokens }),
    ...(steps && steps.steps.length > 0 && { steps: steps.steps, stepIndex: steps.from }),
    ...(input.checks !== undefined && input.checks.length > 0 && { checks: input.checks }),
    ...(input.promptFile !== undefined && { promptFile: input.promptFile }),
  };
}

/** What a re-run of `old` submits; a workflow's finished steps come along (see stepsForRerun). */
export function rerunInput(old: Task, overrides: Partial<Pick<TaskInput, 'providerId' | 'model' | 'priority'>>): TaskInput {
  // On another model, earlier steps' outputs would mix two models' work: the whole workflow runs again.
  const sameModel = (overrides.model ?? old.model) === old.model && (overrides.providerId ?? old.providerId) === old.providerId;
  const steps = old.steps && (sameModel ? old.steps : old.steps.map((s) => ({ ...s, status: 'pending' as const, carried: false })));
  return {
    title: old.title,
    prompt: old.prompt,
    providerId: overrides.providerId ?? old.providerId,
    model: overrides.model ?? old.model,
    priority: overrides.priority ?? old.priority,
    retryOf: old.id,
    ...(old.systemPrompt !== undefined && { systemPrompt: old.systemPrompt }),
    ...(old.timeoutMs !== undefined && { timeoutMs: old.timeoutMs }),
    ...(old.batchId !== undefined && { batchId: old.batchId }),
    ...(old.maxOutputTokens !== undefined && { maxOutputTokens: old.maxOutputTokens }),
    ...(steps && { steps }),
    ...(old.checks !== undefined && { checks: old.checks }),
    ...(old.promptFile !== undefined && { promptFile: old.promptFile }),
  };
}
