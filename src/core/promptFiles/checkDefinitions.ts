// Reads the `checks:` list of a prompt file's front matter into typed checks, refusing what could
// not be evaluated (a regex that does not compile, a length that is not a whole number) with the
// line it is on, so a broken check is found before the run rather than scored as a failure.
import { phrase, verbatim, type Phrase } from '../domain/phrase';
import type { QualityCheck } from '../domain/quality';

/** One list item: its plain value and the file line it starts on. */
export interface CheckItem {
  readonly value: unknown;
  readonly line: number;
}

export const CHECK_KINDS = ['contains', 'notContains', 'regex', 'json', 'maxLength', 'codeBlock'] as const;

type Read = { readonly check: QualityCheck } | { readonly error: Phrase };

export function readCheck(item: CheckItem): Read {
  const value = item.value;
  const kindList = CHECK_KINDS.join(', ');
  if (!isRecord(value)) return { error: phrase('promptFile.check.notKeyValue', { kinds: kindList }) };
  const kinds = Object.keys(value).filter((k) => (CHECK_KINDS as readonly string[]).includes(k));
  if (kinds.length !== 1) {
    const unknown = Object.keys(value).filter((k) => !(CHECK_KINDS as readonly string[]).includes(k) && k !== 'ignoreCase' && k !== 'flags');
    return { error: unknown.length > 0 ? phrase('promptFile.check.unknown', { name: unknown[0]!, kinds: kindList }) : phrase('promptFile.check.notExactlyOne', { kinds: kindList }) };
  }
  const kind = kinds[0] as (typeof CHECK_KINDS)[number];
  const arg = value[kind];
  const ignoreCase = value['ignoreCase'] === true;
  switch (kind) {
    case 'contains':
    case 'notContains':
      if (typeof arg !== 'string' || arg === '') return { error: phrase('promptFile.check.needsText', { kind }) };
      return { check: { kind, text: arg, ...(ignoreCase && { ignoreCase }) } };
    case 'regex': {
      const flags = value['flags'];
      if (typeof arg !== 'string' || arg === '') return { error: phrase('promptFile.check.regexNeedsPattern', {}) };
      if (flags !== undefined && (typeof flags !== 'string' || !/^[imsu]*$/.test(flags))) return { error: phrase('promptFile.check.regexFlags', {}) };
      try {
        new RegExp(arg, flags ?? '');
      } catch (error) {
        return { error: phrase('promptFile.check.regexInvalid', { error: verbatim(error instanceof Error ? error.message : String(error)) }) };
      }
      return { check: { kind, pattern: arg, ...(typeof flags === 'string' && flags !== '' && { flags }) } };
    }
    case 'json':
      if (arg === true) return { check: { kind } };
      if (isRecord(arg) && isRecord(arg['schema'])) return { check: { kind, schema: arg['schema'] } };
      return { error: phrase('promptFile.check.jsonValue', {}) };
    case 'maxLength':
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 1) return { error: phrase('promptFile.check.maxLengthValue', {}) };
      return { check: { kind, chars: arg } };
    case 'codeBlock':
      if (arg === true) return { check: { kind } };
      if (typeof arg === 'string' && /^[\w+#.-]+$/.test(arg)) return { check: { kind, language: arg } };
      return { error: phrase('promptFile.check.codeBlockValue', {}) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
