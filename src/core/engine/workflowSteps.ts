// The step loop of a workflow task: its steps run in order, each as an attempt loop of its own
// (TaskRun.runStep), each prompt built from earlier steps' outputs. The task's output is the running
// step's while it streams and the last step's at the end; each step keeps its own output, attempts,
// usage and cost, and the workflow's usage is their sum. A failed or cancelled step ends the
// workflow (TaskOutcome names the step); finished steps keep their outputs, so a re-run resumes at
// the step that did not finish.
import type { ChatProvider } from '../domain/chatProvider';
import type { Clock } from '../domain/clock';
import { phrase } from '../domain/phrase';
import type { MutableTask } from '../domain/taskModel';
import { addUsage, type TokenUsage } from '../domain/tokenUsage';
import { stepLabel, stepPrompt, type MutableWorkflowStep, type WorkflowStep } from '../domain/workflowStep';
import type { PriceBook } from '../usage/priceBook';
import { estimateUsage } from '../usage/tokenEstimate';
import type { TaskLogEntry } from './taskLog';

/** What the loop needs from the run (TaskRun implements it). */
export interface StepRunner {
  runStep(index: number, prompt: string): Promise<void>;
  releaseSlot(): void;
  readonly stepUsage: TokenUsage | undefined;
  readonly stepProvider: ChatProvider | undefined;
  readonly stoppedBy: 'cancel' | 'timeout' | undefined;
}

export interface StepLoopDeps {
  readonly clock: Clock;
  readonly priceBook: () => PriceBook;
  readonly log?: (entry: TaskLogEntry) => void;
}

/** Runs the workflow's unfinished steps in order; throws the error that ended a step. */
export async function runWorkflowSteps(task: MutableTask, runner: StepRunner, deps: StepLoopDeps): Promise<void> {
  const steps = (task.steps ?? []).map((s) => ({ ...s }) as MutableWorkflowStep);
  task.steps = steps;
  let ran = false;
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i]!;
    if (step.status === 'completed') continue;
    if (ran) runner.releaseSlot();
    ran = true;
    const prompt = stepPrompt(steps, i);
    task.stepIndex = i;
    task.output = '';
    Object.assign(step, { status: 'running', output: '', attempts: 0, startedAt: deps.clock.now() });
    deps.log?.({ taskId: task.id, level: 'info', message: phrase('log.step.started', { step: stepLabel(steps, i) }) });
    try {
      await runner.runStep(i, prompt);
    } catch (error) {
      settle(step, task, runner, deps, prompt, runner.stoppedBy === 'cancel' ? 'cancelled' : 'failed');
      throw error;
    }
    settle(step, task, runner, deps, prompt, 'completed');
    deps.log?.({ taskId: task.id, level: 'info', message: phrase('log.step.completed', { step: stepLabel(steps, i) }) });
  }
  task.output = steps[steps.length - 1]?.output ?? '';
  task.attempts = steps.reduce((n, s) => n + (s.carried ? 0 : s.attempts), 0);
}

/** Records how a step ended: its output, attempts, usage (estimated when none came) and cost. */
function settle(step: MutableWorkflowStep, task: MutableTask, runner: StepRunner, deps: StepLoopDeps, prompt: string, status: 'completed' | 'failed' | 'cancelled'): void {
  step.status = status;
  step.output = task.output;
  step.attempts = task.attempts;
  step.finishedAt = deps.clock.now();
  const provider = runner.stepProvider;
  // A step that sent nothing and received nothing used nothing; one cut short used what it streamed.
  if (!provider || (status !== 'completed' && !runner.stepUsage && !task.output)) return;
  const usage = runner.stepUsage ?? estimateUsage(`${task.systemPrompt ?? ''}${prompt}`, task.output);
  step.usage = usage;
  step.costUsd = provider.unpriced ? null : deps.priceBook().cost(task.model, usage, provider.local);
}

/** The workflow's usage and cost: the sum over the steps run in this task (carried steps were counted where they ran). */
export function workflowUsage(steps: readonly WorkflowStep[]): { readonly usage: TokenUsage; readonly costUsd: number | null } | undefined {
  let usage: TokenUsage | undefined;
  let costUsd: number | null = 0;
  for (const step of steps) {
    if (step.carried || !step.usage) continue;
    usage = usage ? addUsage(usage, step.usage) : step.usage;
    costUsd = costUsd === null || step.costUsd === null || step.costUsd === undefined ? null : costUsd + step.costUsd;
  }
  return usage && { usage, costUsd };
}

/** A workflow that ends without finishing: the running step takes `status`, the steps not reached are skipped. */
export function closeSteps(task: MutableTask, status: 'failed' | 'cancelled'): void {
  if (!task.steps) return;
  task.steps = task.steps.map((s) => (s.status === 'running' ? { ...s, status } : s.status === 'pending' && status === 'cancelled' ? { ...s, status: 'skipped' } : s));
}
