// Builds a request body from many small pieces (a batch's encoded requests) as a Blob of pieces
// joined into chunks of about 1 MiB: never one string of hundreds of megabytes, and not tens of
// thousands of tiny parts either, which fetch would write to the socket one by one (10,000 lines
// took a second of socket writes that way).
const CHUNK_CHARS = 1 << 20;

export function joinedBlob(entries: readonly string[], options: { readonly prefix?: string; readonly separator: string; readonly suffix?: string; readonly type: string }): Blob {
  const chunks: string[] = [];
  let chunk = options.prefix ?? '';
  entries.forEach((entry, i) => {
    chunk += i === 0 ? entry : `${options.separator}${entry}`;
    if (chunk.length >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = '';
    }
  });
  chunks.push(`${chunk}${options.suffix ?? ''}`);
  return new Blob(chunks, { type: options.type });
}
