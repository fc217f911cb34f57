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
  const longestRun = Math.max(2, ...Array.from(source.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const head = `${instruction}\n\n${fence}${languageId}\n`;
  return { prompt: `${head}${source}\n${fence}`, span: { start: head.length, length: source.length } };
}
