// What stream interpreters need to build errors a person can read.

export interface StreamContext {
  readonly providerId: string;
  /** Shown to people, e.g. "OpenAI". */
  readonly label: string;
}
