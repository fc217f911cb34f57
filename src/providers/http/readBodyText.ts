// Error bodies are read only to show a message; a misbehaving server (or a proxy's HTML page)
// must not make us buffer megabytes, so reading stops at a limit and the rest is discarded.

const DEFAULT_LIMIT_BYTES = 64 * 1024;

export async function readBodyText(response: Response, limitBytes: number = DEFAULT_LIMIT_BYTES): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (bytes >= limitBytes) {
        await reader.cancel().catch(() => undefined);
        return text;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
