// Reads a vendor's error payload, whichever of the known shapes it has (reference §3.5 rule 5):
// `{error: {message, type, code}}` (OpenAI, Anthropic, Ollama /v1, LM Studio, new vLLM),
// `{message, type, code}` (old vLLM), `{error: "text"}` (Ollama native). Used both for non-2xx
// bodies and for error objects that arrive inside a 200 stream.
import * as v from 'valibot';

export interface VendorError {
  readonly message?: string;
  readonly type?: string;
  /** Normalized to a string: vLLM sends the HTTP status as a number here. */
  readonly code?: string;
}

const scalar = v.optional(v.nullable(v.union([v.string(), v.number()])));
const fields = v.object({ message: scalar, type: scalar, code: scalar });
const nested = v.object({ error: fields });
const flatString = v.object({ error: v.string() });
const flat = v.object({ message: v.string(), type: scalar, code: scalar });

/** Longest vendor text we repeat to a person; bodies can be whole HTML pages from proxies. */
const MAX_MESSAGE_CHARS = 500;

/** The vendor error in a parsed JSON value, or undefined when it has none of the known shapes. */
export function vendorErrorFromJson(value: unknown): VendorError | undefined {
  const n = v.safeParse(nested, value);
  if (n.success) return normalize(n.output.error);
  const s = v.safeParse(flatString, value);
  if (s.success) return normalize({ message: s.output.error });
  const f = v.safeParse(flat, value);
  if (f.success) return normalize(f.output);
  return undefined;
}

/** The vendor error in a raw response body; short plain-text bodies become the message. */
export function vendorErrorFromBody(body: string): VendorError | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    return vendorErrorFromJson(JSON.parse(trimmed));
  } catch {
    // Not JSON: a reverse proxy or a non-OpenAI server. Plain text is useful, markup is noise.
    if (trimmed.startsWith('<')) return undefined;
    return normalize({ message: trimmed });
  }
}

function normalize(raw: { message?: unknown; type?: unknown; code?: unknown }): VendorError {
  const message = asText(raw.message);
  const type = asText(raw.type);
  const code = asText(raw.code);
  return {
    ...(message !== undefined && { message: truncate(message) }),
    ...(type !== undefined && { type }),
    ...(code !== undefined && { code }),
  };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
