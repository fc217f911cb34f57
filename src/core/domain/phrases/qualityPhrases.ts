// What core/quality says about a prompt file's checks: each check as a person reads it, and why
// one failed. Stored with the task (its quality score), so an old history shows in today's language.
import type { Phrase } from '../phrase';

type None = Record<string, never>;

export interface QualityPhrases {
  readonly 'quality.check.contains': { readonly text: string };
  readonly 'quality.check.containsAnyCase': { readonly text: string };
  readonly 'quality.check.notContains': { readonly text: string };
  readonly 'quality.check.notContainsAnyCase': { readonly text: string };
  readonly 'quality.check.regex': { readonly pattern: string; readonly flags: string };
  readonly 'quality.check.json': None;
  readonly 'quality.check.jsonSchema': None;
  readonly 'quality.check.maxLength': { readonly chars: number };
  readonly 'quality.check.codeBlock': None;
  readonly 'quality.check.codeBlockLanguage': { readonly language: string };
  readonly 'quality.failure.notFound': None;
  readonly 'quality.failure.found': None;
  readonly 'quality.failure.noMatch': None;
  /** `error` is the JavaScript engine's own message. */
  readonly 'quality.failure.patternInvalid': { readonly error: Phrase };
  readonly 'quality.failure.tooLong': { readonly chars: number };
  readonly 'quality.failure.noCodeBlock': None;
  readonly 'quality.failure.notJson': { readonly error: Phrase };
  readonly 'quality.failure.schemaInvalid': { readonly error: Phrase };
  /** Ajv's first error: where in the value (a JSON pointer) and its own message. */
  readonly 'quality.failure.schemaAt': { readonly path: string; readonly message: Phrase };
  readonly 'quality.failure.schemaValue': { readonly message: Phrase };
  readonly 'quality.failure.schemaMismatch': None;
}
