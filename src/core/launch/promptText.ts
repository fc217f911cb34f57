// How prompts and titles are built from what the user typed or selected.
import type { PromptSpan } from '../domain/taskSource';

const TITLE_MAX = 60;

export function titleFromPrompt(prompt: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  return oneLine.length <= TITLE_MAX ? oneLine : `${oneLine.slice(0, TITLE_MAX - 1)}…`;
}

/** Wraps the selection in a fence long enough that backticks inside it cannot close it early. */
export function promptForSelection(instruction: string, selection: string, languageId: string): string {
  return promptWithSource(instruction, selection, languageId).prompt;
}

/** The prompt, and where in it the source text sits (stored with the task, see TaskSource). */
export function promptWithSource(instruction: string, source: string, languageId: string): { readonly prompt: string; readonly span: PromptSpan } {
  const [head, body, tail] = selectionPromptSegments(instruction, source, languageId);
  return { prompt: `${head}${body}${tail}`, span: { start: head.length, length: body.length } };
}

/** The same prompt in its pieces (instruction and opening fence, the selection, the closing fence), for counting tokens piece by piece. */
export function selectionPromptSegments(instruction: string, selection: string, languageId: string): readonly [string, string, string] {
  let longestRun = 2;
  for (const m of selection.matchAll(/`+/g)) longestRun = Math.max(longestRun, m[0].length);
  const fence = '`'.repeat(longestRun + 1);
  return [`${instruction}\n\n${fence}${languageId}\n`, selection, `\n${fence}`];
}
