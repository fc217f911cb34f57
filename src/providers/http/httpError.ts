// Builds the ProviderError for a non-2xx response: vendor message/type/code from the body, and the
// headers a retry policy needs (retry-after*, x-should-retry, request id, rate limits).
import { ProviderError, type RateLimitSnapshot } from '../../core/domain/chatProvider';
import { readBodyText } from './readBodyText';
import { redactSecrets } from './redactSecrets';
import { parseRetryAfterMs } from './retryAfter';
import { vendorErrorFromBody } from './vendorError';
import { phrase } from '../../core/domain/phrase';

export interface HttpErrorContext {
  readonly providerId: string;
  /** Shown to people, e.g. "OpenAI" or "Ollama". */
  readonly label: string;
  readonly secrets: readonly (string | undefined)[];
  readonly readRateLimits: (headers: Headers) => RateLimitSnapshot | undefined;
}

export async function httpError(response: Response, context: HttpErrorContext): Promise<ProviderError> {
  // A body that breaks off half-way still leaves the status and headers to report.
  const body = await readBodyText(response).catch(() => '');
  const vendor = vendorErrorFromBody(body);
  const headers = response.headers;
  // The server's words (or its status text) are shown as they came, redacted.
  const said = vendor?.message ?? response.statusText;
  const detail = said ? redactSecrets(said, context.secrets) : phrase('provider.noDetails', {});
  const message = phrase('provider.http', { status: response.status, provider: context.label, detail });
  const retryAfterMs = parseRetryAfterMs(headers);
  const shouldRetry = parseShouldRetry(headers.get('x-should-retry'));
  const requestId = headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;
  const rateLimits = context.readRateLimits(headers);
  return new ProviderError(message, {
    kind: 'http',
    providerId: context.providerId,
    status: response.status,
    ...(vendor?.type !== undefined && { vendorType: vendor.type }),
    ...(vendor?.code !== undefined && { vendorCode: vendor.code }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(shouldRetry !== undefined && { shouldRetry }),
    ...(requestId !== undefined && { requestId }),
    ...(rateLimits !== undefined && { rateLimits }),
  });
}

function parseShouldRetry(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
