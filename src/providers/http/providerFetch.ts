// The one place provider clients call fetch: it passes the AbortSignal through (so aborting
// closes the socket), maps connection failures and non-2xx responses to ProviderError, and
// returns only 2xx responses.
import type { RateLimitSnapshot } from '../../core/domain/chatProvider';
import { httpError } from './httpError';
import { transportError } from './transportError';

export interface ProviderEndpoint {
  readonly providerId: string;
  readonly label: string;
  readonly baseUrl: string;
  readonly readRateLimits: (headers: Headers) => RateLimitSnapshot | undefined;
}

export interface ProviderRequest {
  readonly method: 'GET' | 'POST';
  /** Path appended to the base URL, e.g. "/chat/completions". */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Serialized as JSON when present. */
  readonly body?: unknown;
  readonly signal: AbortSignal;
  /** Values that must never appear in an error message. */
  readonly secrets: readonly (string | undefined)[];
}

export async function providerFetch(endpoint: ProviderEndpoint, request: ProviderRequest): Promise<Response> {
  const url = joinUrl(endpoint.baseUrl, request.path);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      signal: request.signal,
    });
  } catch (error) {
    throw transportError(error, 'connect', { ...endpoint, signal: request.signal, secrets: request.secrets });
  }
  if (!response.ok) {
    const error = await httpError(response, { ...endpoint, secrets: request.secrets });
    // Cancelling while the error body was being read is still a cancellation.
    if (request.signal.aborted) throw transportError(request.signal.reason, 'connect', { ...endpoint, signal: request.signal, secrets: request.secrets });
    throw error;
  }
  return response;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
