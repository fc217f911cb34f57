// OpenAI's byte-pair encodings, counted with gpt-tokenizer: a pure-JS port of tiktoken that gives
// tiktoken's exact counts, needs no WebAssembly or native build, and ships each encoding as its own
// module. An encoding's ranks are megabytes of data that take about half a second to load, so each
// is imported on first use, never at activation (the production build keeps them in their own
// files under dist/tokenizers/).

export type OpenAiEncodingName = 'o200k_base' | 'cl100k_base';

export interface TextTokenizer {
  readonly encoding: OpenAiEncodingName;
  /** Tokens in a piece of plain text; special-token markup such as `<|endoftext|>` counts as text, as the API treats it. */
  count(text: string): number;
}

/** The encoding a model id uses, or undefined for models that are not OpenAI's. */
export function openAiEncodingFor(model: string): OpenAiEncodingName | undefined {
  // Routers and proxies often prefix the vendor ("openai/gpt-4o").
  const id = model.toLowerCase().replace(/^openai\//, '');
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|gpt-oss|codex)/.test(id)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5)/.test(id)) return 'cl100k_base';
  return undefined;
}

interface EncodingModule {
  countTokens(text: string, options?: { readonly disallowedSpecial?: ReadonlySet<string> }): number;
}

const loaded = new Map<OpenAiEncodingName, Promise<TextTokenizer>>();
const NO_SPECIAL_TOKENS: ReadonlySet<string> = new Set();

export function loadOpenAiTokenizer(encoding: OpenAiEncodingName): Promise<TextTokenizer> {
  let pending = loaded.get(encoding);
  if (!pending) {
    pending = importEncoding(encoding).then((module) => ({ encoding, count: (text: string): number => module.countTokens(text, { disallowedSpecial: NO_SPECIAL_TOKENS }) }));
    // A failed load (a damaged install) is tried again next time instead of being remembered.
    pending.catch(() => loaded.delete(encoding));
    loaded.set(encoding, pending);
  }
  return pending;
}

async function importEncoding(encoding: OpenAiEncodingName): Promise<EncodingModule> {
  // Literal specifiers, so the bundler can see (and split out) each one.
  switch (encoding) {
    case 'o200k_base':
      return (await import('gpt-tokenizer/encoding/o200k_base')) as EncodingModule;
    case 'cl100k_base':
      return (await import('gpt-tokenizer/encoding/cl100k_base')) as EncodingModule;
  }
}
