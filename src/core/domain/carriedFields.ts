// The optional fields a task takes from its input, and a re-run (Retry, Resume, Run Fresh, or a
// provider batch's Retry Failed Requests) from the task it re-runs, in one list so no copy drifts.
import type { Task, TaskInput } from './taskModel';

/**
 * The optional fields a task takes from its input, and a re-run from the task it re-runs: a retry
 * stays in its batch, keeps its source (its answer can still be applied where the original's would
 * have gone), its prompt file, checks and output cap. Steps are not here: a re-run picks which of
 * them come along (rerunInput) and a new record which one it starts at (newTaskRecord).
 */
export const CARRIED_FIELDS = [
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

export function carriedFields(from: Pick<TaskInput, CarriedField>): Partial<Pick<Task, CarriedField>> {
  const out: Partial<Record<CarriedField, unknown>> = {};
  for (const key of CARRIED_FIELDS) {
    const value = from[key];
    // An empty list (no checks) is the same as none, and is not stored.
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return out as Partial<Pick<Task, CarriedField>>;
}
