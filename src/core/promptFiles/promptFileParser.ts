// Parses a `*.prompt.md` file: optional YAML front matter between "---" lines, then a Markdown body.
// A body with "## Step: name" headings is a workflow: each heading starts a step, the text before
// the first heading is shared context put before every step's prompt. Variables are checked here
// too (see promptVariables.ts), so a file that cannot run is refused, with lines, before any input
// box opens or any task is queued.
import { phrase } from '../domain/phrase';
import { readFrontMatter } from './frontMatter';
import type { PromptFile, PromptStepSection, PromptText } from './promptFileModel';
import { PromptFileError, type PromptFileProblem } from './promptFileProblem';
import { checkVariables } from './promptVariables';

const FENCE = /^---\s*$/;
const STEP_HEADING = /^##\s+Step:\s*(.*?)\s*#*\s*$/i;
const STEP_NAME = /^[A-Za-z0-9][\w-]*$/;

/** Parses `source`; throws PromptFileError listing every problem with its line. `path` is for messages. */
export function parsePromptFile(source: string, path: string): PromptFile {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: PromptFileProblem[] = [];
  let bodyStart = 0;
  let front: ReturnType<typeof readFrontMatter> | undefined;
  if (lines.length > 0 && FENCE.test(lines[0]!)) {
    const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
    if (close === -1) throw new PromptFileError(path, [{ line: 1, message: phrase('promptFile.unclosedFrontMatter', {}) }]);
    front = readFrontMatter(lines.slice(1, close).join('\n'), 2);
    problems.push(...front.problems);
    bodyStart = close + 1;
  }
  const { preamble, steps } = splitSteps(lines, bodyStart, problems);
  const settings = front?.settings ?? { checks: [] };
  const file: PromptFile = { ...settings, preamble, steps, warnings: front?.warnings ?? [] };
  if (preamble.text.trim() === '' && steps.length === 0) problems.push({ line: bodyStart + 1, message: phrase('promptFile.emptyPrompt', {}) });
  problems.push(...checkVariables(file));
  if (problems.length > 0) throw new PromptFileError(path, problems.sort((a, b) => a.line - b.line));
  return file;
}

function splitSteps(lines: readonly string[], bodyStart: number, problems: PromptFileProblem[]): { preamble: PromptText; steps: PromptStepSection[] } {
  const steps: PromptStepSection[] = [];
  const seen = new Set<string>();
  let current: { name: string; headingLine: number; from: number } | undefined;
  let preambleEnd = lines.length;
  let inFence: string | undefined;
  const close = (end: number): void => {
    if (!current) return;
    const text = trimBlankLines(lines.slice(current.from, end).join('\n'));
    if (text.trim() === '') problems.push({ line: current.headingLine, message: phrase('promptFile.step.empty', { name: current.name }) });
    steps.push({ name: current.name, headingLine: current.headingLine, line: current.from + 1 + leadingBlankLines(lines, current.from, end), text });
  };
  for (let i = bodyStart; i < lines.length; i += 1) {
    const line = lines[i]!;
    // A "## Step:" inside a code fence is an example, not a step.
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence && (!inFence || (fence[0] === inFence[0] && fence.length >= inFence.length))) inFence = inFence ? undefined : fence;
    const heading = inFence ? undefined : STEP_HEADING.exec(line);
    if (!heading) continue;
    if (!current) preambleEnd = i;
    close(i);
    const name = heading[1]!;
    if (!STEP_NAME.test(name)) problems.push({ line: i + 1, message: phrase('promptFile.step.badName', { name }) });
    else if (seen.has(name)) problems.push({ line: i + 1, message: phrase('promptFile.step.duplicate', { name }) });
    seen.add(name);
    current = { name, headingLine: i + 1, from: i + 1 };
  }
  close(lines.length);
  const preambleText = trimBlankLines(lines.slice(bodyStart, preambleEnd).join('\n'));
  return { preamble: { text: preambleText, line: bodyStart + 1 + leadingBlankLines(lines, bodyStart, preambleEnd) }, steps };
}

function leadingBlankLines(lines: readonly string[], from: number, end: number): number {
  let n = 0;
  while (from + n < end && lines[from + n]!.trim() === '') n += 1;
  return n;
}

/** Blank lines around a section are layout, not prompt. */
function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '');
}
