// Evaluates a prompt file's checks on a task's output. The score is the share of checks passed, and
// each failed check is named with why, so "0.67" never leaves anyone guessing. JSON schemas are
// compiled once each by Ajv (a schema that does not compile fails its check, saying so).
import Ajv, { type ValidateFunction } from 'ajv';
import type { FailedCheck, QualityCheck, QualityScore } from '../domain/quality';

/** The check as a person reads it. */
export function describeCheck(check: QualityCheck): string {
  switch (check.kind) {
    case 'contains':
      return `contains "${check.text}"${check.ignoreCase ? ' (any case)' : ''}`;
    case 'notContains':
      return `does not contain "${check.text}"${check.ignoreCase ? ' (any case)' : ''}`;
    case 'regex':
      return `matches /${check.pattern}/${check.flags ?? ''}`;
    case 'json':
      return check.schema ? 'valid JSON matching the schema' : 'valid JSON';
    case 'maxLength':
      return `at most ${check.chars.toLocaleString('en-US')} characters`;
    case 'codeBlock':
      return check.language ? `a fenced ${check.language} code block` : 'a fenced code block';
  }
}

/** Why `check` fails on `output`, or undefined when it passes. */
export function failureOf(check: QualityCheck, output: string): string | undefined {
  switch (check.kind) {
    case 'contains':
      return includes(output, check.text, check.ignoreCase) ? undefined : 'not found';
    case 'notContains':
      return includes(output, check.text, check.ignoreCase) ? 'found' : undefined;
    case 'regex':
      try {
        return new RegExp(check.pattern, check.flags ?? '').test(output) ? undefined : 'no match';
      } catch (error) {
        return `the pattern does not compile (${error instanceof Error ? error.message : String(error)})`;
      }
    case 'json':
      return jsonFailure(check.schema, output);
    case 'maxLength':
      return output.length <= check.chars ? undefined : `${output.length.toLocaleString('en-US')} characters`;
    case 'codeBlock':
      return fencedLanguages(output).some((lang) => check.language === undefined || lang.toLowerCase() === check.language.toLowerCase()) ? undefined : 'none found';
  }
}

/** Every check on `output`; undefined when there are none (no score rather than a meaningless 1). */
export function scoreOutput(checks: readonly QualityCheck[] | undefined, output: string): QualityScore | undefined {
  if (!checks || checks.length === 0) return undefined;
  const failed: FailedCheck[] = [];
  for (const check of checks) {
    const reason = failureOf(check, output);
    if (reason !== undefined) failed.push({ check: describeCheck(check), reason });
  }
  const passed = checks.length - failed.length;
  return { score: passed / checks.length, passed, total: checks.length, failed };
}

function includes(output: string, text: string, ignoreCase: boolean | undefined): boolean {
  return ignoreCase ? output.toLowerCase().includes(text.toLowerCase()) : output.includes(text);
}

/** The info-string language of every closed fenced block ("" for a block without one). */
function fencedLanguages(output: string): string[] {
  const languages: string[] = [];
  const lines = output.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const close = lines.findIndex((line, j) => j > i && new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line));
    if (close === -1) break;
    languages.push(open[2] ?? '');
    i = close;
  }
  return languages;
}

/** Models often fence their JSON: an output that is exactly one fenced block is judged by its content. */
function jsonText(output: string): string {
  const trimmed = output.trim();
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(trimmed);
  return fenced ? fenced[2]! : trimmed;
}

function jsonFailure(schema: Readonly<Record<string, unknown>> | undefined, output: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(jsonText(output));
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!schema) return undefined;
  const validate = compiled(schema);
  if ('error' in validate) return `the schema does not compile (${validate.error})`;
  if (validate.fn(value)) return undefined;
  const first = validate.fn.errors?.[0];
  return first ? `${first.instancePath || 'the value'} ${first.message ?? 'does not match'}` : 'does not match the schema';
}

/** Made on the first schema check, so activating the extension never pays for it. */
let ajv: Ajv | undefined;
const compiledSchemas = new Map<string, { fn: ValidateFunction } | { error: string }>();
const MAX_COMPILED = 100;

function compiled(schema: Readonly<Record<string, unknown>>): { fn: ValidateFunction } | { error: string } {
  const key = JSON.stringify(schema);
  let entry = compiledSchemas.get(key);
  if (!entry) {
    try {
      ajv ??= new Ajv({ allErrors: false, strict: false });
      entry = { fn: ajv.compile(schema) };
    } catch (error) {
      entry = { error: error instanceof Error ? error.message : String(error) };
    }
    if (compiledSchemas.size >= MAX_COMPILED) compiledSchemas.delete(compiledSchemas.keys().next().value!);
    compiledSchemas.set(key, entry);
  }
  return entry;
}
