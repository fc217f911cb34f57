// A problem in a prompt file, always with the line it is on (1-based, counted in the whole file,
// front matter included), so the message can say exactly where to look. The message is a phrase:
// the adapters write it in the window's language.
import { phraseId, type Phrase } from '../domain/phrase';

export interface PromptFileProblem {
  readonly line: number;
  readonly message: Phrase;
}

/** Thrown when a prompt file cannot be run; carries every problem found, in file order. */
export class PromptFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly PromptFileProblem[],
  ) {
    // For logs and stack traces only: a person is shown the problems through phraseText.
    super(problems.map((p) => `${path}:${p.line}: ${phraseId(p.message)}`).join('\n'));
    this.name = 'PromptFileError';
  }
}
