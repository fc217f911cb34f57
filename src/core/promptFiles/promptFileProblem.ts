// A problem in a prompt file, always with the line it is on (1-based, counted in the whole file,
// front matter included), so the message can say exactly where to look.

export interface PromptFileProblem {
  readonly line: number;
  readonly message: string;
}

/** Thrown when a prompt file cannot be run; carries every problem found, in file order. */
export class PromptFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly PromptFileProblem[],
  ) {
    super(problems.map((p) => `${path}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'PromptFileError';
  }
}
