// The variables of a prompt file, as VS Code defines them for prompt files (${selection},
// ${selectedText}, ${file}, ${fileBasename}, ${fileDirname}, ${fileBasenameNoExtension},
// ${workspaceFolder}, ${workspaceFolderBasename}, ${input:name}, ${input:name:placeholder}), plus
// this extension's ${fileContent} (the file's text) and, in workflows, ${step:name} (an earlier
// step's output). Expansion is one pass: a value put in is never scanned again, so a selection or
// an output containing "${…}" stays as it is. Unknown names (a template literal in a code sample)
// are left alone.
import * as path from 'node:path';
import { phrase, verbatim, type Phrase } from '../domain/phrase';
import type { StepPromptPart } from '../domain/workflowStep';
import type { PromptFile, PromptText } from './promptFileModel';
import type { PromptFileProblem } from './promptFileProblem';

const VARIABLE = /\$\{([^}\n]*)\}/g;
const INPUT_NAME = /^[A-Za-z_][\w-]*$/;

export const FILE_VARIABLES = ['file', 'fileBasename', 'fileDirname', 'fileBasenameNoExtension', 'fileContent'] as const;
const SELECTION_VARIABLES = ['selection', 'selectedText'];
const WORKSPACE_VARIABLES = ['workspaceFolder', 'workspaceFolderBasename'];

export type Variable =
  | { readonly kind: 'plain'; readonly name: string }
  | { readonly kind: 'input'; readonly name: string; readonly placeholder?: string }
  | { readonly kind: 'step'; readonly name: string }
  | { readonly kind: 'bad'; readonly message: Phrase };

export interface VariableUse {
  readonly variable: Variable;
  readonly raw: string;
  readonly index: number;
  readonly line: number;
}

/** Every known variable in `piece`, with the file line it is on. */
export function scanVariables(piece: PromptText): VariableUse[] {
  const uses: VariableUse[] = [];
  for (const m of piece.text.matchAll(VARIABLE)) {
    const variable = classify(m[1]!);
    if (!variable) continue;
    const line = piece.line + countNewlines(piece.text, m.index);
    uses.push({ variable, raw: m[0], index: m.index, line });
  }
  return uses;
}

function classify(body: string): Variable | undefined {
  if ([...SELECTION_VARIABLES, ...WORKSPACE_VARIABLES, ...FILE_VARIABLES].includes(body)) return { kind: 'plain', name: body };
  const [head, name, ...rest] = body.split(':');
  if (head === 'input') {
    if (name === undefined || !INPUT_NAME.test(name)) return { kind: 'bad', message: phrase('promptFile.variable.badInput', { variable: `\${${body}}` }) };
    const placeholder = rest.join(':');
    return { kind: 'input', name, ...(placeholder !== '' && { placeholder }) };
  }
  if (head === 'step') {
    if (name === undefined || name === '' || rest.length > 0) return { kind: 'bad', message: phrase('promptFile.variable.badStep', { variable: `\${${body}}` }) };
    return { kind: 'step', name };
  }
  return undefined;
}

/** Problems with the variables themselves, before any value is known. */
export function checkVariables(file: PromptFile): PromptFileProblem[] {
  const problems: PromptFileProblem[] = [];
  const bad = (use: VariableUse, message: Phrase): void => void problems.push({ line: use.line, message });
  const stepless = [file.preamble, ...(file.systemPrompt ? [file.systemPrompt] : [])];
  for (const piece of stepless) {
    for (const use of scanVariables(piece)) {
      if (use.variable.kind === 'bad') bad(use, use.variable.message);
      else if (use.variable.kind === 'step') bad(use, phrase('promptFile.variable.stepOutsideStep', { variable: use.raw }));
    }
  }
  file.steps.forEach((step, index) => {
    const earlier = file.steps.slice(0, index).map((s) => s.name);
    for (const use of scanVariables(step)) {
      const v = use.variable;
      if (v.kind === 'bad') bad(use, v.message);
      else if (v.kind === 'step' && !earlier.includes(v.name)) {
        const later = file.steps.some((s) => s.name === v.name);
        bad(use, later ? phrase('promptFile.variable.stepNotEarlier', { variable: use.raw, name: v.name, step: step.name }) : phrase('promptFile.variable.noSuchStep', { variable: use.raw, name: v.name }));
      }
    }
  });
  return problems;
}

/** Every piece of text the file sends (system prompt, preamble, steps). */
export function promptPieces(file: PromptFile): PromptText[] {
  return [...(file.systemPrompt ? [file.systemPrompt] : []), file.preamble, ...file.steps];
}

/** The inputs to ask for, once each, in the order they first appear; the first placeholder given wins. */
export function promptInputs(file: PromptFile): { readonly name: string; readonly placeholder?: string }[] {
  const inputs = new Map<string, string | undefined>();
  for (const use of promptPieces(file).flatMap(scanVariables)) {
    if (use.variable.kind !== 'input') continue;
    if (!inputs.has(use.variable.name) || inputs.get(use.variable.name) === undefined) inputs.set(use.variable.name, use.variable.placeholder);
  }
  return [...inputs].map(([name, placeholder]) => ({ name, ...(placeholder !== undefined && { placeholder }) }));
}

/** Whether any piece uses one of `names` (plain variables). */
export function usesVariable(file: PromptFile, names: readonly string[]): boolean {
  return promptPieces(file).some((piece) => scanVariables(piece).some((u) => u.variable.kind === 'plain' && names.includes(u.variable.name)));
}

/** What the variables stand for in one run (one task of a batch). */
export interface PromptContext {
  /** The selected text; undefined when there is none. */
  readonly selection?: string;
  readonly file?: {
    /** The file's path on disk. */
    readonly path: string;
    /** Its text, or why it could not be read; absent when not needed. */
    readonly content?: { readonly text: string } | { readonly error: string };
  };
  /** The workspace folder's path. */
  readonly workspaceFolder?: string;
  readonly inputs: Readonly<Record<string, string>>;
}

/** A value, or why there is none. */
type Value = { readonly value: string } | { readonly error: Phrase };

export function variableValue(variable: Variable, ctx: PromptContext): Value | undefined {
  if (variable.kind === 'step' || variable.kind === 'bad') return undefined;
  if (variable.kind === 'input') {
    const value = ctx.inputs[variable.name];
    return value === undefined ? { error: phrase('promptFile.variable.noInput', { variable: `\${input:${variable.name}}` }) } : { value };
  }
  const name = variable.name;
  const written = `\${${name}}`;
  if (SELECTION_VARIABLES.includes(name)) {
    return ctx.selection !== undefined && ctx.selection !== '' ? { value: ctx.selection } : { error: phrase('promptFile.variable.needsSelection', { variable: written }) };
  }
  if (WORKSPACE_VARIABLES.includes(name)) {
    if (ctx.workspaceFolder === undefined) return { error: phrase('promptFile.variable.needsFolder', { variable: written }) };
    return { value: name === 'workspaceFolder' ? ctx.workspaceFolder : path.basename(ctx.workspaceFolder) };
  }
  const file = ctx.file;
  if (!file) return { error: phrase('promptFile.variable.needsFile', { variable: written }) };
  switch (name) {
    case 'file':
      return { value: file.path };
    case 'fileBasename':
      return { value: path.basename(file.path) };
    case 'fileDirname':
      return { value: path.dirname(file.path) };
    case 'fileBasenameNoExtension':
      return { value: path.basename(file.path, path.extname(file.path)) };
    default: {
      const content = file.content;
      if (!content) return { error: phrase('promptFile.variable.fileNotRead', { path: file.path }) };
      return 'error' in content ? { error: phrase('promptFile.variable.fileUnreadable', { path: file.path, error: verbatim(content.error) }) } : { value: content.text };
    }
  }
}

/**
 * Expands one piece in one pass into prompt parts; `steps` are the names of the earlier steps (by
 * index). Problems (a value that is missing) are added to `problems` with their lines.
 */
export function expandPiece(piece: PromptText, ctx: PromptContext, steps: readonly string[], problems: PromptFileProblem[]): StepPromptPart[] {
  const parts: StepPromptPart[] = [];
  let at = 0;
  const text = (t: string): void => {
    if (t === '') return;
    const last = parts[parts.length - 1];
    if (last && 'text' in last) parts[parts.length - 1] = { text: last.text + t };
    else parts.push({ text: t });
  };
  for (const use of scanVariables(piece)) {
    text(piece.text.slice(at, use.index));
    at = use.index + use.raw.length;
    if (use.variable.kind === 'step') {
      const index = steps.indexOf(use.variable.name);
      if (index >= 0) parts.push({ stepOutput: index });
      continue;
    }
    const value = variableValue(use.variable, ctx);
    if (value && 'error' in value) problems.push({ line: use.line, message: value.error });
    else if (value) text(value.value);
  }
  text(piece.text.slice(at));
  return parts;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
