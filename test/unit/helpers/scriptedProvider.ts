// An in-memory ChatProvider whose behaviour each test scripts: what to stream, when to fail, and
// whether to hang until aborted. It honours the AbortSignal like a real HTTP client.
import { ProviderError, type ChatProvider, type ChatRequest, type ModelInfo, type StreamPart } from '../../../src/core/domain/chatProvider';
import { verbatim } from '../../../src/core/domain/phrase';

export type Script = (request: ChatRequest, signal: AbortSignal) => AsyncIterable<StreamPart>;

export class ScriptedProvider implements ChatProvider {
  readonly label = 'Scripted';
  readonly calls: ChatRequest[] = [];
  readonly signals: AbortSignal[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly id: string,
    private readonly script: Script,
    readonly local = false,
  ) {}

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    this.calls.push(request);
    this.signals.push(signal);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      yield* this.script(request, signal);
    } finally {
      this.inFlight -= 1;
    }
  }

  async listModels(): Promise<readonly ModelInfo[]> {
    return [{ id: 'scripted-model' }];
  }
}

/** Resolves when the signal aborts, then throws the provider's "aborted" error. */
export function untilAborted(signal: AbortSignal, providerId = 'scripted'): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new ProviderError(verbatim('Request aborted'), { kind: 'aborted', providerId }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** A gate a test opens to let a scripted stream continue. */
export class Gate {
  private resolve!: () => void;
  readonly promise = new Promise<void>((r) => (this.resolve = r));
  open(): void {
    this.resolve();
  }
}

export function textParts(...texts: string[]): StreamPart[] {
  return texts.map((text) => ({ type: 'text', text }));
}

export const USAGE_10_5: StreamPart = {
  type: 'usage',
  usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
};

/** Lets pending promise callbacks run (the engine's work is all promise-driven). */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
