// Where a task's input came from, so its answer can go back there: the selection (document, range,
// version) or the whole file (with a hash of its content at launch). The source text itself is not
// stored twice: it sits inside the prompt at `promptSpan`, and `contentHash` proves that span is
// still exactly the text that was sent (a redacted or edited prompt no longer matches).

/** Zero-based, as VS Code counts; `end` is exclusive like a VS Code Range's end. */
export interface SourceRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** Where the source text sits inside the task's prompt. */
export interface PromptSpan {
  readonly start: number;
  readonly length: number;
}

interface SourceBase {
  /** The document's URI as a string (file:, untitled:, vscode-remote:…). */
  readonly uri: string;
  /** Workspace-relative path (or the document's name) at launch, for labels. */
  readonly path: string;
  readonly languageId: string;
  /** sha256 (hex) of the source text at launch: the selected text, or the whole file. */
  readonly contentHash: string;
  readonly promptSpan: PromptSpan;
}

export interface SelectionSource extends SourceBase {
  readonly kind: 'selection';
  readonly range: SourceRange;
  /** `TextDocument.version` at launch; versions restart when a document is reopened. */
  readonly documentVersion: number;
}

export interface FileSource extends SourceBase {
  readonly kind: 'file';
}

export type TaskSource = SelectionSource | FileSource;

/** How tasks launched together relate: the same prompt on many files, or on many models. */
export const BATCH_KINDS = ['files', 'models'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** "src/foo.ts:12–40" for a selection (one-based lines), "src/foo.ts" for a file. */
export function describeSource(source: TaskSource): string {
  if (source.kind === 'file') return source.path;
  const first = source.range.startLine + 1;
  // A selection that ends at the start of a line does not include that line.
  const lastLine = source.range.endCharacter === 0 && source.range.endLine > source.range.startLine ? source.range.endLine : source.range.endLine + 1;
  return first === lastLine ? `${source.path}:${first}` : `${source.path}:${first}–${lastLine}`;
}

/** The source text inside the prompt, or undefined when the prompt no longer holds it whole. */
export function sourceTextFromPrompt(prompt: string, source: TaskSource, hash: (text: string) => string): string | undefined {
  const { start, length } = source.promptSpan;
  if (start < 0 || start + length > prompt.length) return undefined;
  const text = prompt.slice(start, start + length);
  return hash(text) === source.contentHash ? text : undefined;
}
