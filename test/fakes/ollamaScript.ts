// Fault-injection vocabulary for the fake Ollama server's native /api/chat route.

export type OllamaScript =
  /** `{"error": "…"}` with this status (Ollama's native error shape). */
  | { readonly kind: 'error'; readonly status: number; readonly message?: string }
  | {
      readonly kind: 'reply';
      readonly text?: string;
      readonly chunkDelayMs?: number;
      /** After this many content lines, sends a `{"error": "…"}` line (status stays 200) and ends. */
      readonly errorAfterChunks?: { readonly chunks: number; readonly message: string };
      /** Ends the body after N content lines, without the final `done: true` line. */
      readonly truncateAfterChunks?: number;
      /** How a truncated body ends: cleanly (default), or the connection closed mid-body. */
      readonly truncateBy?: 'end' | 'destroy';
      /** Leaves prompt_eval_count out of the final line, as older builds did for cached prompts. */
      readonly omitPromptEvalCount?: boolean;
    }
  | { readonly kind: 'hangUp' };
