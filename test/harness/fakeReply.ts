// Asks an OpenAI-compatible server (the fake) for the streamed reply to one user prompt, the way an
// OpenAI client does. The fake is deterministic, so this is the text a task with that prompt streams.
// Plain fetch: usable from Node tests and from inside the extension host.

export interface StreamedReply {
  readonly text: string;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
}

export async function fetchStreamedReply(baseUrl: string, prompt: string, model: string): Promise<StreamedReply> {
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }], stream: true, stream_options: { include_usage: true } }),
  });
  if (response.status !== 200) throw new Error(`${baseUrl}/chat/completions answered HTTP ${response.status}`);
  const body = await response.text();
  let text = '';
  let promptTokens: number | undefined;
  let completionTokens: number | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (!data || data === '[DONE]') continue;
    const chunk = JSON.parse(data) as {
      choices?: { delta?: { content?: string | null } }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
    };
    text += chunk.choices?.[0]?.delta?.content ?? '';
    if (typeof chunk.usage?.completion_tokens === 'number') completionTokens = chunk.usage.completion_tokens;
    if (typeof chunk.usage?.prompt_tokens === 'number') promptTokens = chunk.usage.prompt_tokens;
  }
  return { text, promptTokens, completionTokens };
}
