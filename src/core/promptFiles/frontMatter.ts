// Reads the YAML front matter of a prompt file with the `yaml` library, which reports where each
// node is, so every problem names its line in the whole file. Keys VS Code defines for prompt files
// keep their meaning there; this extension's own keys are typed and checked; Copilot's chat-only
// keys (mode, agent, tools) are accepted and ignored; anything else is a warning, not an error.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { phrase, verbatim, type Phrase } from '../domain/phrase';
import { PRIORITIES, type Priority } from '../domain/taskModel';
import type { QualityCheck } from '../domain/quality';
import { readCheck } from './checkDefinitions';
import type { PromptFileSettings } from './promptFileModel';
import type { PromptFileProblem } from './promptFileProblem';

const CHAT_ONLY_KEYS = new Set(['mode', 'agent', 'tools']);

export interface FrontMatterResult {
  readonly settings: PromptFileSettings;
  readonly problems: PromptFileProblem[];
  readonly warnings: PromptFileProblem[];
}

/** `yaml` is the text between the fences; `firstLine` is the file line it starts on. */
export function readFrontMatter(yaml: string, firstLine: number): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => firstLine - 1 + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const lineOf = (node: unknown): number => lineAt((node as Node | null | undefined)?.range?.[0]);
  const problems: PromptFileProblem[] = doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: phrase('promptFile.frontMatter.syntax', { error: verbatim(firstSentence(e.message)) }) }));
  const warnings: PromptFileProblem[] = [];
  const out: { -readonly [K in keyof PromptFileSettings]: PromptFileSettings[K] } = { checks: [] };
  // After a syntax error the rest may be misread; a duplicate key leaves the others readable.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY') || doc.contents === null) return { settings: out, problems, warnings };
  if (!isMap(doc.contents)) {
    problems.push({ line: lineOf(doc.contents), message: phrase('promptFile.frontMatter.notKeyValues', {}) });
    return { settings: out, problems, warnings };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(pair.key);
    const value: unknown = isScalar(pair.value) ? pair.value.value : (pair.value as Node | null)?.toJSON();
    const fail = (problem: Phrase): void => void problems.push({ line, message: phrase('promptFile.frontMatter.keyProblem', { key, problem }) });
    const text = (): string | undefined => {
      if (typeof value === 'string' && value.trim() !== '') return value;
      fail(phrase('promptFile.frontMatter.expectedText', {}));
      return undefined;
    };
    switch (key) {
      case 'description':
      case 'name':
      case 'model':
      case 'provider': {
        const t = text();
        if (t !== undefined) out[key] = t.trim();
        break;
      }
      case 'argument-hint': {
        const t = text();
        if (t !== undefined) out.argumentHint = t.trim();
        break;
      }
      case 'priority':
        if (typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value)) out.priority = value as Priority;
        else fail(phrase('promptFile.frontMatter.expectedOneOf', { values: PRIORITIES.join(', ') }));
        break;
      case 'systemPrompt': {
        const t = text();
        if (t !== undefined) out.systemPrompt = { text: t, line: lineOf(pair.value) };
        break;
      }
      case 'maxOutputTokens':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1) out.maxOutputTokens = value;
        else fail(phrase('promptFile.frontMatter.expectedTokens', {}));
        break;
      case 'checks':
        out.checks = readChecks(pair.value, lineOf, problems);
        break;
      default:
        if (!CHAT_ONLY_KEYS.has(key)) warnings.push({ line, message: phrase('promptFile.frontMatter.unknownKey', { key }) });
    }
  }
  return { settings: out, problems, warnings };
}

function readChecks(node: unknown, lineOf: (node: unknown) => number, problems: PromptFileProblem[]): QualityCheck[] {
  if (!isSeq(node)) {
    problems.push({ line: lineOf(node), message: phrase('promptFile.checks.expectedList', {}) });
    return [];
  }
  const checks: QualityCheck[] = [];
  for (const item of node.items) {
    const line = lineOf(item);
    const read = readCheck({ value: (item as Node | null)?.toJSON(), line });
    if ('error' in read) problems.push({ line, message: phrase('promptFile.checks.problem', { problem: read.error }) });
    else checks.push(read.check);
  }
  return checks;
}

/** The library's messages carry a code excerpt after the first line; the line number says where. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
