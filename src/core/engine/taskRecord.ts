// How a task record is made from what a caller submits, and what a re-run (Retry, Resume, Run
// Fresh) of a finished task submits: the same prompt and settings, the optional fields from one
// list (CARRIED_FIELDS), and, for a workflow, its finished steps carried over so the re-run starts
// at the step that did not finish.
import type { MutableTask, Task, TaskInput } from '../domain/taskModel';
import { interruptedTask } from '../domain/interruptedTask';
import { stepsForRerun } from '../domain/workflowStep';
import { carriedFields } from '../domain/carriedFields';

/** A queued record for `input`; `simulated` when its provider is the offline simulator (kept with the task). */
export function newTaskRecord(input: TaskInput, id: string, now: number, simulated = false): MutableTask {
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
    ...carriedFields(input),
    ...(input.retryOf !== undefined && { retryOf: input.retryOf }),
    // Not carried into a re-run: Retry runs a provider batch's task here unless its batch is retried.
    ...(input.external !== undefined && { external: input.external }),
    ...(steps && steps.steps.length > 0 && { steps: steps.steps, stepIndex: steps.from }),
    // Whether the simulator wrote it must not depend on it running next time.
    ...(simulated && { simulated: true as const }),
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
    ...carriedFields(old),
    ...(steps && { steps }),
  };
}

/**
 * A task from an earlier session as the engine takes it back: one that was running cannot be
 * continued and becomes an INTERRUPTED failure; one waiting for its provider had nothing on the
 * wire and is queued again, like a queued one, from its first attempt.
 */
export function restoredRecord(original: Task, now: number): MutableTask {
  const task: MutableTask = { ...(original.status === 'running' ? interruptedTask(original, now) : original) };
  if (task.status === 'queued' || task.status === 'waiting') {
    task.status = 'queued';
    task.statusDetail = undefined;
    task.attempts = 0;
  }
  return task;
}
