// Counts the input tokens of a request before it is sent, as exactly as the model allows: the
// provider's own counting (Anthropic's count_tokens endpoint, VS Code's countTokens) when it has
// one, OpenAI's real tokenizer for OpenAI models, and otherwise an estimate that says it is one.
import { loadOpenAiTokenizer, openAiEncodingFor, type OpenAiEncodingName, type TextTokenizer } from './openAiTokenizer';
import { estimateTokens } from './tokenEstimate';
import { phrase, type PhraseArg } from '../domain/phrase';

export interface PromptParts {
  readonly providerId: string;
  readonly model: string;
  readonly systemPrompt?: string;
  readonly prompt: string;
  /**
   * The prompt in the pieces it was built from (instruction, selection or file, fence), joining to
   * `prompt`. A prompt box recounts on every keystroke; counted piece by piece, a large selection
   * or a batch's files are counted once and only the typed instruction again.
   */
  readonly segments?: readonly string[];
}

export type CountMethod = 'provider' | 'tokenizer' | 'estimate';

export interface TokenCount {
  readonly tokens: number;
  readonly method: CountMethod;
  /** What counted: a provider's label ("Anthropic"), or a phrase ("o200k_base tokenizer", "≈ 4 characters per token"). */
  readonly source: PhraseArg;
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
const CHUNK_CHARS = 16 * 1024;
/** Texts at least this long have their counts remembered (up to MAX_REMEMBERED of them). */
const REMEMBER_CHARS = 4 * 1024;
const MAX_REMEMBERED = 512;

export const ESTIMATE_SOURCE = phrase('count.estimate', {});

export interface PromptTokenCounterOptions {
  /** The provider's own counting, when it has one. */
  readonly providerCounter?: (providerId: string) => ProviderTokenCounter | undefined;
  /** The tokenizer could not be loaded (a damaged install): counts fall back to the labelled estimate, and this says why. */
  readonly onTokenizerError?: (error: unknown) => void;
  /** Loads an encoding; tests pass one that fails. */
  readonly loadTokenizer?: (encoding: OpenAiEncodingName) => Promise<TextTokenizer>;
}

export class PromptTokenCounter {
  /** Counts of long texts (a selection, a file), least recently used first, so a prompt box can recount as the user types without redoing them. */
  private readonly textCounts = new Map<string, number>();

  constructor(private readonly options: PromptTokenCounterOptions = {}) {}

  /** Counts locally only (tokenizer or estimate): fast enough to run on every keystroke. */
  async countLocally(parts: PromptParts): Promise<TokenCount> {
    const encoding = openAiEncodingFor(parts.model);
    if (!encoding) return estimateCount(parts);
    let tokenizer: TextTokenizer;
    try {
      tokenizer = await (this.options.loadTokenizer ?? loadOpenAiTokenizer)(encoding);
    } catch (error) {
      this.options.onTokenizerError?.(error);
      return estimateCount(parts);
    }
    const segments = parts.segments && parts.segments.join('').length === parts.prompt.length ? parts.segments : [parts.prompt];
    let tokens = OPENAI_REPLY_PRIMING + OPENAI_TOKENS_PER_MESSAGE;
    if (parts.systemPrompt) tokens += OPENAI_TOKENS_PER_MESSAGE + (await this.countText(tokenizer, parts.systemPrompt));
    // Pieces meet at line breaks (the fence around a selection), where the encoding splits anyway.
    for (const text of segments) tokens += await this.countText(tokenizer, text);
    return { tokens, method: 'tokenizer', source: phrase('count.tokenizer', { encoding }) };
  }

  /** The best count there is: the provider's own when it has one, else a local count. */
  async count(parts: PromptParts, signal: AbortSignal): Promise<TokenCount> {
    const counter = this.options.providerCounter?.(parts.providerId);
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
    if (text.length < REMEMBER_CHARS) return tokenizer.count(text);
    const key = `${tokenizer.encoding}\u0000${text}`;
    const known = this.textCounts.get(key);
    if (known !== undefined) {
      this.textCounts.delete(key);
      this.textCounts.set(key, known);
      return known;
    }
    let total = 0;
    // Pieces end at a line break, where the encoding splits words anyway, so the sum matches the
    // whole text's count to within a token per piece; the yield keeps the extension host responsive.
    for (let start = 0; start < text.length; ) {
      const hardEnd = Math.min(text.length, start + CHUNK_CHARS);
      const lineEnd = hardEnd === text.length ? hardEnd : text.lastIndexOf('\n', hardEnd);
      const end = lineEnd > start ? lineEnd : hardEnd;
      total += tokenizer.count(text.slice(start, end));
      start = end;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.textCounts.set(key, total);
    if (this.textCounts.size > MAX_REMEMBERED) this.textCounts.delete(this.textCounts.keys().next().value as string);
    return total;
  }
}

function estimateCount(parts: PromptParts): TokenCount {
  return { tokens: estimateTokens(`${parts.systemPrompt ?? ''}${parts.prompt}`), method: 'estimate', source: ESTIMATE_SOURCE };
}
