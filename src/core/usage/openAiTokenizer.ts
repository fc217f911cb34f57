// OpenAI's byte-pair encoding, counted with gpt-tokenizer: a pure-JS port of tiktoken that gives
// tiktoken's exact counts, needs no WebAssembly or native build, and ships each encoding as its own
// module. The ranks are megabytes of data that take about half a second to load, so the encoding
// is imported on first use, never at activation (the build keeps it in dist/tokenizers/).
//
// Only o200k_base ships: every current OpenAI model uses it, and it adds about 1 MB to the
// package. The older cl100k_base (GPT-4, GPT-3.5 Turbo) would add another 0.45 MB for models
// being retired; they get the labelled estimate instead.

export type OpenAiEncodingName = 'o200k_base';

export interface TextTokenizer {
  readonly encoding: OpenAiEncodingName;
  /** Tokens in a piece of plain text; special-token markup such as `<|endoftext|>` counts as text, as the API treats it. */
  count(text: string): number;
}

/** The encoding a model id uses, or undefined for models that are not OpenAI's. */
export function openAiEncodingFor(model: string): OpenAiEncodingName | undefined {
  // Routers and proxies often prefix the vendor ("openai/gpt-4o").
  const id = model.toLowerCase().replace(/^openai\//, '');
  return /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|gpt-oss|codex)/.test(id) ? 'o200k_base' : undefined;
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
  // A literal specifier, so the bundler can see (and split out) the module.
  switch (encoding) {
    case 'o200k_base':
      return (await import('gpt-tokenizer/encoding/o200k_base')) as EncodingModule;
  }
}
