// Turns whatever fetch (undici) threw into a ProviderError a person can act on. Undici reports the
// real reason in `cause.code`; its own messages ("fetch failed", "terminated") say nothing useful,
// and some (invalid header values, URLs with credentials) echo secrets, so they are redacted.
import { ProviderError } from '../../core/domain/chatProvider';
import { displayUrl } from './displayUrl';
import { redactSecrets } from './redactSecrets';
import { mapPhraseText, phrase, phraseId, type Phrase, type PhraseArg } from '../../core/domain/phrase';

export interface TransportContext {
  readonly providerId: string;
  readonly baseUrl: string;
  readonly signal: AbortSignal;
  /** Values that must never appear in a message (the API key). */
  readonly secrets: readonly (string | undefined)[];
}

/**
 * `connect`: no response yet (kind "network", or "auth" when the request could not be built: the
 * base URL was checked before, so what fetch refuses is a header value, and the only one that
 * varies is the key).
 * `body`: a 200 arrived and the connection broke afterwards (reset, "terminated"): kind "network"
 * too, the same availability failure as a reset before the headers. A new attempt starts clean,
 * so the text already delivered is not repeated. An error event the vendor sent inside the stream
 * is a ProviderError already and keeps its own kind.
 */
export function transportError(error: unknown, phase: 'connect' | 'body', context: TransportContext): ProviderError {
  const { providerId } = context;
  // Once the signal fired, whatever broke (a read, a half-parsed event) broke because of it.
  if (context.signal.aborted) return new ProviderError(phrase('provider.cancelled', {}), { kind: 'aborted', providerId });
  if (error instanceof ProviderError) {
    // Errors raised while parsing carry vendor text, which may echo the key.
    const reason = mapPhraseText(error.reason, (text) => redactSecrets(text, context.secrets));
    return phraseId(reason) === phraseId(error.reason) ? error : new ProviderError(reason, error.details);
  }
  const url = displayUrl(context.baseUrl);
  const code = causeCode(error);
  // Userinfo in a URL ("https://user:pass@host") is a credential too.
  const safe = (text: string): string => redactSecrets(text, context.secrets).replace(/\/\/[^/\s@]*@/g, '//');
  if (phase === 'body') {
    const lost = code ? phrase('provider.connectionLost.code', { url, code }) : phrase('provider.connectionLost', { url });
    return new ProviderError(lost, { kind: 'network', providerId });
  }
  if (code === undefined && error instanceof TypeError) {
    // No cause: fetch refused to build the request. The URL passed checkBaseUrl, so a header value
    // was refused, and the key is the only header that is not a constant.
    return new ProviderError(phrase('provider.cannotSend', { url, detail: safe(error.message) }), { kind: 'auth', providerId });
  }
  return new ProviderError(connectMessage(code, url, safe(causeMessage(error))), { kind: 'network', providerId });
}

function connectMessage(code: string | undefined, url: PhraseArg, detail: string): Phrase {
  switch (code) {
    case 'ECONNREFUSED':
      return phrase('provider.connectRefused', { url });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return phrase('provider.hostNotResolved', { url });
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return phrase('provider.connectTimeout', { url });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return phrase('provider.closedEarly', { url });
    default:
      if (code && /CERT|TLS|SSL/i.test(code)) return phrase('provider.tlsRejected', { url, code });
      return detail ? phrase('provider.unreachable', { url, detail }) : phrase('provider.unreachable.noDetail', { url });
  }
}

/** The first `code` along the cause chain (and inside AggregateErrors). */
function causeCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  const fromCause = causeCode(record.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const innerCode = causeCode(inner, depth + 1);
      if (innerCode) return innerCode;
    }
  }
  return undefined;
}

function causeMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
