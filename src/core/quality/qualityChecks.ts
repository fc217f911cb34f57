// Evaluates a prompt file's checks on a task's output. The score is the share of checks passed, and
// each failed check is named with why, so "0.67" never leaves anyone guessing. JSON schemas are
// compiled once each by Ajv (a schema that does not compile fails its check, saying so).
import Ajv, { type ValidateFunction } from 'ajv';
import { phrase, verbatim, type Phrase } from '../domain/phrase';
import type { FailedCheck, QualityCheck, QualityScore } from '../domain/quality';

/** The check as a person reads it (the adapters put it into words). */
export function describeCheck(check: QualityCheck): Phrase {
  switch (check.kind) {
    case 'contains':
      return phrase(check.ignoreCase ? 'quality.check.containsAnyCase' : 'quality.check.contains', { text: check.text });
    case 'notContains':
      return phrase(check.ignoreCase ? 'quality.check.notContainsAnyCase' : 'quality.check.notContains', { text: check.text });
    case 'regex':
      return phrase('quality.check.regex', { pattern: check.pattern, flags: check.flags ?? '' });
    case 'json':
      return phrase(check.schema ? 'quality.check.jsonSchema' : 'quality.check.json', {});
    case 'maxLength':
      return phrase('quality.check.maxLength', { chars: check.chars });
    case 'codeBlock':
      return check.language ? phrase('quality.check.codeBlockLanguage', { language: check.language }) : phrase('quality.check.codeBlock', {});
  }
}

/** Why `check` fails on `output`, or undefined when it passes. */
export function failureOf(check: QualityCheck, output: string): Phrase | undefined {
  switch (check.kind) {
    case 'contains':
      return includes(output, check.text, check.ignoreCase) ? undefined : phrase('quality.failure.notFound', {});
    case 'notContains':
      return includes(output, check.text, check.ignoreCase) ? phrase('quality.failure.found', {}) : undefined;
    case 'regex':
      try {
        return new RegExp(check.pattern, check.flags ?? '').test(output) ? undefined : phrase('quality.failure.noMatch', {});
      } catch (error) {
        return phrase('quality.failure.patternInvalid', { error: errorText(error) });
      }
    case 'json':
      return jsonFailure(check.schema, output);
    case 'maxLength':
      return output.length <= check.chars ? undefined : phrase('quality.failure.tooLong', { chars: output.length });
    case 'codeBlock':
      return fencedLanguages(output).some((lang) => check.language === undefined || lang.toLowerCase() === check.language.toLowerCase()) ? undefined : phrase('quality.failure.noCodeBlock', {});
  }
}

/** The runtime's or Ajv's own message: not ours to translate. */
function errorText(error: unknown): Phrase {
  return verbatim(error instanceof Error ? error.message : String(error));
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

function jsonFailure(schema: Readonly<Record<string, unknown>> | undefined, output: string): Phrase | undefined {
  let value: unknown;
  try {
    value = JSON.parse(jsonText(output));
  } catch (error) {
    return phrase('quality.failure.notJson', { error: errorText(error) });
  }
  if (!schema) return undefined;
  const validate = compiled(schema);
  if ('error' in validate) return phrase('quality.failure.schemaInvalid', { error: verbatim(validate.error) });
  if (validate.fn(value)) return undefined;
  const first = validate.fn.errors?.[0];
  // Ajv writes its own message ("must be boolean"); we name only where in the value it applies.
  if (!first?.message) return phrase('quality.failure.schemaMismatch', {});
  const message = verbatim(first.message);
  return first.instancePath ? phrase('quality.failure.schemaAt', { path: first.instancePath, message }) : phrase('quality.failure.schemaValue', { message });
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
