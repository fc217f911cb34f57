// What a parsed prompt file holds: the front matter keys, typed, and the body as a prompt or as
// ordered workflow steps. Each piece of text remembers the file line it starts on.
import type { QualityCheck } from '../domain/quality';
import type { Priority } from '../domain/taskModel';
import type { PromptFileProblem } from './promptFileProblem';

/** A piece of the body and the file line its first character is on. */
export interface PromptText {
  readonly text: string;
  readonly line: number;
}

export interface PromptStepSection extends PromptText {
  readonly name: string;
  /** Line of the "## Step: name" heading. */
  readonly headingLine: number;
}

export interface PromptFileSettings {
  /** VS Code's keys, with their meaning there. */
  readonly description?: string;
  readonly name?: string;
  readonly argumentHint?: string;
  readonly model?: string;
  /** This extension's own keys. */
  readonly provider?: string;
  readonly priority?: Priority;
  readonly systemPrompt?: PromptText;
  readonly maxOutputTokens?: number;
  readonly checks: readonly QualityCheck[];
}

export interface PromptFile extends PromptFileSettings {
  /** The body before the first step (the whole body when there are no steps). */
  readonly preamble: PromptText;
  /** Ordered workflow steps; empty for a single prompt. */
  readonly steps: readonly PromptStepSection[];
  /** Keys that were ignored (VS Code chat keys such as `tools`, unknown keys), with their lines. */
  readonly warnings: readonly PromptFileProblem[];
}
