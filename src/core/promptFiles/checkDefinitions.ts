// Reads the `checks:` list of a prompt file's front matter into typed checks, refusing what could
// not be evaluated (a regex that does not compile, a length that is not a whole number) with the
// line it is on, so a broken check is found before the run rather than scored as a failure.
import type { QualityCheck } from '../domain/quality';

/** One list item: its plain value and the file line it starts on. */
export interface CheckItem {
  readonly value: unknown;
  readonly line: number;
}

export const CHECK_KINDS = ['contains', 'notContains', 'regex', 'json', 'maxLength', 'codeBlock'] as const;

type Read = { readonly check: QualityCheck } | { readonly error: string };

export function readCheck(item: CheckItem): Read {
  const value = item.value;
  if (!isRecord(value)) return { error: `a check is a key and its value, e.g. "- contains: Summary" (one of ${CHECK_KINDS.join(', ')})` };
  const kinds = Object.keys(value).filter((k) => (CHECK_KINDS as readonly string[]).includes(k));
  if (kinds.length !== 1) {
    const unknown = Object.keys(value).filter((k) => !(CHECK_KINDS as readonly string[]).includes(k) && k !== 'ignoreCase' && k !== 'flags');
    return { error: unknown.length > 0 ? `unknown check "${unknown[0]}" (one of ${CHECK_KINDS.join(', ')})` : `a check has exactly one of ${CHECK_KINDS.join(', ')}` };
  }
  const kind = kinds[0] as (typeof CHECK_KINDS)[number];
  const arg = value[kind];
  const ignoreCase = value['ignoreCase'] === true;
  switch (kind) {
    case 'contains':
    case 'notContains':
      if (typeof arg !== 'string' || arg === '') return { error: `${kind} needs a text, e.g. "- ${kind}: Summary"` };
      return { check: { kind, text: arg, ...(ignoreCase && { ignoreCase }) } };
    case 'regex': {
      const flags = value['flags'];
      if (typeof arg !== 'string' || arg === '') return { error: 'regex needs a pattern, e.g. "- regex: \'^# \'"' };
      if (flags !== undefined && (typeof flags !== 'string' || !/^[imsu]*$/.test(flags))) return { error: 'regex flags may be i, m, s and u' };
      try {
        new RegExp(arg, flags ?? '');
      } catch (error) {
        return { error: `the regex does not compile: ${error instanceof Error ? error.message : String(error)}` };
      }
      return { check: { kind, pattern: arg, ...(typeof flags === 'string' && flags !== '' && { flags }) } };
    }
    case 'json':
      if (arg === true) return { check: { kind } };
      if (isRecord(arg) && isRecord(arg['schema'])) return { check: { kind, schema: arg['schema'] } };
      return { error: 'json is "true", or has a schema: "- json: { schema: { type: object } }"' };
    case 'maxLength':
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 1) return { error: 'maxLength is a whole number of characters, at least 1' };
      return { check: { kind, chars: arg } };
    case 'codeBlock':
      if (arg === true) return { check: { kind } };
      if (typeof arg === 'string' && /^[\w+#.-]+$/.test(arg)) return { check: { kind, language: arg } };
      return { error: 'codeBlock is "true", or a language such as "typescript"' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
