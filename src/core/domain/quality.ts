// Quality of a result: automatic checks a prompt file declares on the output, the score they give
// (the share passed), and a person's rating. Evaluation lives in core/quality; these are the shapes
// the task carries and the history stores.
import type { Phrase } from './phrase';

export type QualityCheck =
  | { readonly kind: 'contains'; readonly text: string; readonly ignoreCase?: boolean }
  | { readonly kind: 'notContains'; readonly text: string; readonly ignoreCase?: boolean }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags?: string }
  /** Valid JSON (the whole output, or its one fenced block), optionally against a JSON schema. */
  | { readonly kind: 'json'; readonly schema?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'maxLength'; readonly chars: number }
  /** A fenced code block is present, of `language` when given. */
  | { readonly kind: 'codeBlock'; readonly language?: string };

export interface FailedCheck {
  /** The check, for a person to read: 'contains "## Summary"'. */
  readonly check: Phrase;
  /** Why it failed: "not found", "2,400 characters". */
  readonly reason: Phrase;
}

export interface QualityScore {
  /** Checks passed over checks declared, 0–1. */
  readonly score: number;
  readonly passed: number;
  readonly total: number;
  readonly failed: readonly FailedCheck[];
}

export const RATINGS = ['up', 'down'] as const;
export type Rating = (typeof RATINGS)[number];

/** The prompt file a task came from, and which version of it (a hash of its content). */
export interface PromptFileRef {
  /** Workspace-relative path, as shown. */
  readonly path: string;
  /** First 12 hex digits of the SHA-256 of the file's content. */
  readonly version: string;
}
