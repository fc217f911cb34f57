// How a task record is made from what a caller submits, and what a re-run (Retry, Resume, Run
// Fresh) of a finished task submits: the same prompt and settings, the optional fields from one
// list (CARRIED_FIELDS), and, for a workflow, its finished steps carried over so the re-run starts
// at the step that did not finish.
import type { MutableTask, Task, TaskInput } from '../domain/taskModel';
import { interruptedTask } from '../domain/interruptedTask';
import { stepsForRerun } from '../domain/workflowStep';

/**
 * The optional fields a task takes from its input, and a re-run from the task it re-runs: a retry
 * stays in its batch, keeps its source (its answer can still be applied where the original's would
 * have gone), its prompt file, checks and output cap. Steps are not here: a re-run picks which of
 * them come along (rerunInput) and a new record which one it starts at (newTaskRecord).
 */
const CARRIED_FIELDS = [
  'systemPrompt',
  'timeoutMs',
  'batchId',
  'batchKind',
  'instruction',
  'source',
  'maxOutputTokens',
  'checks',
  'promptFile',
] as const satisfies readonly (keyof TaskInput & keyof Task)[];

type CarriedField = (typeof CARRIED_FIELDS)[number];

function carriedFields(from: Pick<TaskInput, CarriedField>): Partial<Pick<Task, CarriedField>> {
  const out: Partial<Record<CarriedField, unknown>> = {};
  for (const key of CARRIED_FIELDS) {
    const value = from[key];
    // An empty list (no checks) is the same as none, and is not stored.
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return out as Partial<Pick<Task, CarriedField>>;
}

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
