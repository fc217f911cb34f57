// Counts the input tokens of a request before it is sent, as exactly as the model allows: the
// provider's own counting (Anthropic's count_tokens endpoint, VS Code's countTokens) when it has
// one, OpenAI's real tokenizer for OpenAI models, and otherwise an estimate that says it is one.
import { loadOpenAiTokenizer, openAiEncodingFor, type TextTokenizer } from './openAiTokenizer';
import { estimateTokens } from './tokenEstimate';

export interface PromptParts {
  readonly providerId: string;
  readonly model: string;
  readonly systemPrompt?: string;
  readonly prompt: string;
}

export type CountMethod = 'provider' | 'tokenizer' | 'estimate';

export interface TokenCount {
  readonly tokens: number;
  readonly method: CountMethod;
  /** What counted: "Anthropic count_tokens", "o200k_base tokenizer", "≈ 4 characters per token". */
  readonly source: string;
}

/** A provider's own counting; resolves undefined when it cannot count this request (no key, no model). */
export type ProviderTokenCounter = (parts: PromptParts, signal: AbortSignal) => Promise<TokenCount | undefined>;

/**
 * Chat formatting tokens OpenAI adds around messages: 3 per message plus 3 that prime the reply,
 * and the role name itself (one token for "system", "developer" and "user"), per OpenAI's
 * "How to count tokens with tiktoken" for the gpt-4o and later models.
 */
const OPENAI_TOKENS_PER_MESSAGE = 4;
const OPENAI_REPLY_PRIMING = 3;

/** Text longer than this is counted in pieces with a yield between them, so the host stays responsive. */
const CHUNK_CHARS = 64 * 1024;

export const ESTIMATE_SOURCE = '≈ 4 characters per token';

export class PromptTokenCounter {
  /** Counts of long texts (a selection, a file) so a prompt box can recount as the user types without redoing them. */
  private readonly textCounts = new Map<string, number>();

  constructor(private readonly providerCounter?: (providerId: string) => ProviderTokenCounter | undefined) {}

  /** Counts locally only (tokenizer or estimate): fast enough to run on every keystroke. */
  async countLocally(parts: PromptParts): Promise<TokenCount> {
    const encoding = openAiEncodingFor(parts.model);
    if (!encoding) return estimateCount(parts);
    let tokenizer: TextTokenizer;
    try {
      tokenizer = await loadOpenAiTokenizer(encoding);
    } catch {
      return estimateCount(parts);
    }
    const messages = parts.systemPrompt ? [parts.systemPrompt, parts.prompt] : [parts.prompt];
    let tokens = OPENAI_REPLY_PRIMING;
    for (const text of messages) tokens += OPENAI_TOKENS_PER_MESSAGE + (await this.countText(tokenizer, text));
    return { tokens, method: 'tokenizer', source: `${encoding} tokenizer` };
  }

  /** The best count there is: the provider's own when it has one, else a local count. */
  async count(parts: PromptParts, signal: AbortSignal): Promise<TokenCount> {
    const counter = this.providerCounter?.(parts.providerId);
    if (counter) {
      try {
        const counted = await counter(parts, signal);
        if (counted) return counted;
      } catch {
        // The counting endpoint failing (offline, no key, rate limited) must not block a run: count locally.
        if (signal.aborted) throw signal.reason;
      }
    }
    return this.countLocally(parts);
  }

  private async countText(tokenizer: TextTokenizer, text: string): Promise<number> {
    if (text.length <= CHUNK_CHARS) return tokenizer.count(text);
    const key = `${tokenizer.encoding}\u0000${text}`;
    const known = this.textCounts.get(key);
    if (known !== undefined) return known;
    let total = 0;
    // Pieces end at a line break, where the encodings split words anyway, so the sum matches the
    // whole text's count to within a token per piece.
    for (let start = 0; start < text.length; ) {
      const hardEnd = Math.min(text.length, start + CHUNK_CHARS);
      const lineEnd = hardEnd === text.length ? hardEnd : text.lastIndexOf('\n', hardEnd);
      const end = lineEnd > start ? lineEnd : hardEnd;
      total += tokenizer.count(text.slice(start, end));
      start = end;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // One long text at a time is enough: the prompt box recounts the same selection over and over.
    this.textCounts.clear();
    this.textCounts.set(key, total);
    return total;
  }
}

function estimateCount(parts: PromptParts): TokenCount {
  return { tokens: estimateTokens(`${parts.systemPrompt ?? ''}${parts.prompt}`), method: 'estimate', source: ESTIMATE_SOURCE };
}
