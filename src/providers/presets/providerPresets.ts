// The providers the extension knows out of the box, as data: settings, the provider registry and
// the "pick a provider" UI are built from this table. LM Studio, vLLM and llama.cpp speak the
// OpenAI Chat Completions dialect at /v1 (reference §3), so they differ only in these fields.
// Ollama uses its native API (OllamaProvider): only there can a request set the context window.

export type ProviderKind = 'openaiCompatible' | 'anthropic' | 'ollama';

export interface ProviderPreset {
  readonly id: string;
  readonly label: string;
  readonly kind: ProviderKind;
  /** OpenAI-compatible: up to and including `/v1`. Anthropic and Ollama: the origin. */
  readonly defaultBaseUrl: string;
  /** A sensible first model; local servers serve whatever is pulled/loaded, so users change it. */
  readonly defaultModel: string;
  /** Offered in the pickers before the user turns anything on (its `enabled` setting's default). */
  readonly enabledByDefault: boolean;
  /** True when requests fail without a key; local servers accept requests without one. */
  readonly needsKey: boolean;
  /** Local servers cost nothing and get no cost estimate. */
  readonly local: boolean;
  readonly tokenParam: 'max_tokens' | 'max_completion_tokens';
  /** Role for the system prompt (Anthropic ignores it: its system prompt is a top-level field). */
  readonly systemRole: 'system' | 'developer';
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = Object.freeze([
  { id: 'openai', label: 'OpenAI', kind: 'openaiCompatible', defaultBaseUrl: 'https://api.openai.com/v1', defaultModel: 'gpt-4.1-mini', enabledByDefault: true, needsKey: true, local: false, tokenParam: 'max_completion_tokens', systemRole: 'developer' },
  { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', defaultBaseUrl: 'https://api.anthropic.com', defaultModel: 'claude-sonnet-4-5', enabledByDefault: true, needsKey: true, local: false, tokenParam: 'max_tokens', systemRole: 'system' },
  // tokenParam/systemRole for Ollama matter only if it is reached through its /v1 layer, which
  // ignores max_completion_tokens (reference §3.1); every local preset therefore sends max_tokens.
  { id: 'ollama', label: 'Ollama', kind: 'ollama', defaultBaseUrl: 'http://127.0.0.1:11434', defaultModel: 'llama3.2', enabledByDefault: false, needsKey: false, local: true, tokenParam: 'max_tokens', systemRole: 'system' },
  { id: 'lmstudio', label: 'LM Studio', kind: 'openaiCompatible', defaultBaseUrl: 'http://127.0.0.1:1234/v1', defaultModel: 'qwen2.5-7b-instruct', enabledByDefault: false, needsKey: false, local: true, tokenParam: 'max_tokens', systemRole: 'system' },
  { id: 'vllm', label: 'vLLM', kind: 'openaiCompatible', defaultBaseUrl: 'http://127.0.0.1:8000/v1', defaultModel: 'Qwen/Qwen2.5-7B-Instruct', enabledByDefault: false, needsKey: false, local: true, tokenParam: 'max_tokens', systemRole: 'system' },
  { id: 'llamacpp', label: 'llama.cpp', kind: 'openaiCompatible', defaultBaseUrl: 'http://127.0.0.1:8080/v1', defaultModel: 'default', enabledByDefault: false, needsKey: false, local: true, tokenParam: 'max_tokens', systemRole: 'system' },
  // The generic entry the current settings use: any compatible server, Ollama's address by default.
  { id: 'openaiCompatible', label: 'OpenAI-compatible server', kind: 'openaiCompatible', defaultBaseUrl: 'http://127.0.0.1:11434/v1', defaultModel: 'llama3.2', enabledByDefault: true, needsKey: false, local: true, tokenParam: 'max_tokens', systemRole: 'system' },
] satisfies ProviderPreset[]);

export function findProviderPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}
