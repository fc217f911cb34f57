// Reads the fields the fakes need from a chat request body (OpenAI, Anthropic or Ollama shape),
// tolerating anything odd: the fakes must answer malformed requests, not crash on them.

export interface ChatRequestFields {
  readonly model: string;
  /** The last user message's text. */
  readonly prompt: string;
  /** Every message's text plus the system prompt, for the fake token count. */
  readonly allText: string;
  readonly stream: boolean;
  readonly record: Readonly<Record<string, unknown>>;
}

export function chatRequestFields(body: unknown): ChatRequestFields | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const messages = Array.isArray(record.messages) ? record.messages : [];
  const texts: { role: string; text: string }[] = messages.map((m: unknown) => {
    const msg = typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : {};
    return { role: typeof msg.role === 'string' ? msg.role : '', text: contentText(msg.content) };
  });
  const system = contentText(record.system);
  const lastUser = [...texts].reverse().find((t) => t.role === 'user');
  return {
    model: typeof record.model === 'string' ? record.model : 'fake-model',
    prompt: lastUser?.text ?? '',
    allText: [system, ...texts.map((t) => t.text)].join(''),
    stream: record.stream === true,
    record,
  };
}

/** A string, or an array of `{type: "text", text}` parts (both vendors allow either). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}
