// One step of a workflow task: a prompt built from literal text and earlier steps' outputs, run as
// its own attempt loop. The prompt is kept as parts, not as a template, so an output that happens
// to contain "${step:…}" is never expanded again: the step's prompt is exactly its parts joined.
import type { TaskFailure } from './taskFailure';
import type { TokenUsage } from './tokenUsage';
import { phrase, type Phrase } from './phrase';

export const STEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Literal text, or the output of an earlier step (by index). */
export type StepPromptPart = { readonly text: string } | { readonly stepOutput: number };

export interface WorkflowStep {
  readonly name: string;
  readonly parts: readonly StepPromptPart[];
  readonly status: StepStatus;
  readonly output: string;
  readonly attempts: number;
  readonly usage?: TokenUsage;
  /** USD; `null` when the model's price is unknown. */
  readonly costUsd?: number | null;
  readonly error?: TaskFailure;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Copied, finished, from the run this one retries: its output is reused and its usage counted there, not here. */
  readonly carried?: boolean;
}

export type MutableWorkflowStep = { -readonly [K in keyof WorkflowStep]: WorkflowStep[K] };

/** The prompt a step sends: its parts joined, earlier steps' outputs in place. */
export function stepPrompt(steps: readonly WorkflowStep[], index: number): string {
  const step = steps[index];
  if (!step) return '';
  return step.parts.map((part) => ('text' in part ? part.text : (steps[part.stepOutput]?.output ?? ''))).join('');
}

/** The step's prompt for display: earlier outputs shown as their "${step:name}" reference. */
export function stepTemplate(steps: readonly WorkflowStep[], index: number): string {
  return (steps[index]?.parts ?? []).map((part) => ('text' in part ? part.text : `\${step:${steps[part.stepOutput]?.name ?? part.stepOutput}}`)).join('');
}

/** Share of the workflow done, 0–1: finished steps over all steps. */
export function workflowProgress(steps: readonly WorkflowStep[]): number {
  if (steps.length === 0) return 0;
  return steps.filter((s) => s.status === 'completed').length / steps.length;
}

/** "step 2 of 3 — draft" for the step at `index`. */
export function stepLabel(steps: readonly WorkflowStep[], index: number): Phrase {
  return phrase('step.label', { step: index + 1, steps: steps.length, name: steps[index]?.name ?? '?' });
}

/**
 * A fresh copy of the steps for a re-run (Retry, Resume): the finished steps before the first
 * unfinished one are carried with their outputs, that step and the rest start again.
 */
export function stepsForRerun(steps: readonly WorkflowStep[]): { steps: WorkflowStep[]; from: number } {
  const first = steps.findIndex((s) => s.status !== 'completed');
  const from = first === -1 ? 0 : first;
  return {
    from,
    steps: steps.map((s, i) => (i < from ? { ...s, carried: true } : { name: s.name, parts: s.parts, status: 'pending' as const, output: '', attempts: 0 })),
  };
}

/** What a step shows outside the engine (the panel, an export): its figures, the error redacted, no prompt parts or times. */
export interface StepFigures {
  readonly name: string;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly usage?: TokenUsage;
  readonly costUsd?: number | null;
  readonly error?: string;
  readonly carried?: true;
}

/** `reasonText` writes a failed step's reason in words (and redacts them). */
export function stepFigures(s: WorkflowStep, reasonText: (reason: Phrase) => string): StepFigures {
  return {
    name: s.name,
    status: s.status,
    attempts: s.attempts,
    ...(s.usage && { usage: { ...s.usage } }),
    ...(s.costUsd !== undefined && { costUsd: s.costUsd }),
    ...(s.error && { error: reasonText(s.error.reason) }),
    ...(s.carried && { carried: true as const }),
  };
}
