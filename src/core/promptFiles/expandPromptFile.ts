// Turns a parsed prompt file and one run's context into what a task sends: the system prompt, and
// the prompt or, for a workflow, each step's prompt parts. When the run targets a selection or a
// file that the prompt does not place with a variable, it is attached after the prompt (after the
// first step's, in a workflow), fenced, as Copilot attaches the current context to a prompt file.
import { selectionPromptSegments } from '../launch/promptText';
import type { StepPromptPart } from '../domain/workflowStep';
import type { PromptFile } from './promptFileModel';
import { PromptFileError, type PromptFileProblem } from './promptFileProblem';
import { expandPiece, usesVariable, type PromptContext } from './promptVariables';

/** What the run is on, to attach when the prompt does not use it itself. */
export interface RunTarget {
  readonly kind: 'selection' | 'file';
  /** "src/app.ts" or "src/app.ts:12", for the attachment's label. */
  readonly label: string;
  readonly text: string;
  readonly languageId: string;
}

export interface ExpandedStep {
  readonly name: string;
  readonly parts: readonly StepPromptPart[];
}

export interface ExpandedRun {
  readonly systemPrompt?: string;
  /** The single prompt; for a workflow, its steps as written (for display, filters and the estimate). */
  readonly prompt: string;
  /** The prompt's pieces for counting tokens (a large attachment is counted once). */
  readonly segments: readonly string[];
  readonly steps?: readonly ExpandedStep[];
}

/** Expands every piece; throws PromptFileError naming each missing value's line. */
export function expandPromptFile(file: PromptFile, ctx: PromptContext, path: string, target?: RunTarget): ExpandedRun {
  const problems: PromptFileProblem[] = [];
  const system = file.systemPrompt && joinText(expandPiece(file.systemPrompt, ctx, [], problems));
  const preamble = expandPiece(file.preamble, ctx, [], problems);
  const attachment = target && !placesTarget(file, target) ? attachmentSegments(target) : undefined;
  if (file.steps.length === 0) {
    if (problems.length > 0) throw new PromptFileError(path, problems);
    const instruction = joinText(preamble);
    const segments = attachment ? [`${instruction}${attachment[0]}`, attachment[1], attachment[2]] : [instruction];
    return { ...(system !== undefined && { systemPrompt: system }), prompt: segments.join(''), segments };
  }
  const names = file.steps.map((s) => s.name);
  const steps = file.steps.map((step, i): ExpandedStep => {
    const own = expandPiece(step, ctx, names.slice(0, i), problems);
    const shared = preamble.length > 0 ? [...preamble, { text: '\n\n' }] : [];
    const attached = i === 0 && attachment ? [{ text: attachment.join('') }] : [];
    return { name: step.name, parts: mergeText([...shared, ...own, ...attached]) };
  });
  if (problems.length > 0) throw new PromptFileError(path, problems);
  const prompt = steps.map((s) => `## Step: ${s.name}\n\n${s.parts.map((p) => ('text' in p ? p.text : `\${step:${names[p.stepOutput]}}`)).join('')}`).join('\n\n');
  return { ...(system !== undefined && { systemPrompt: system }), prompt, segments: [prompt], steps };
}

/** Whether the prompt puts the target in itself (then nothing is attached). */
function placesTarget(file: PromptFile, target: RunTarget): boolean {
  return usesVariable(file, target.kind === 'selection' ? ['selection', 'selectedText'] : ['fileContent', 'selection', 'selectedText']);
}

/** "\n\nFile: src/app.ts\n\n```ts\n", the text, "\n```": the same fence rules as Run Prompt on File. */
function attachmentSegments(target: RunTarget): readonly [string, string, string] {
  const [head, text, tail] = selectionPromptSegments(`${target.kind === 'file' ? 'File' : 'Selection from'}: ${target.label}`, target.text, target.languageId);
  return [`\n\n${head}`, text, tail];
}

function joinText(parts: readonly StepPromptPart[]): string {
  return parts.map((p) => ('text' in p ? p.text : '')).join('');
}

function mergeText(parts: readonly StepPromptPart[]): StepPromptPart[] {
  const out: StepPromptPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('text' in part && last && 'text' in last) out[out.length - 1] = { text: last.text + part.text };
    else out.push(part);
  }
  return out;
}
