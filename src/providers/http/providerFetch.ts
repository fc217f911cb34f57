// The one place provider clients call fetch: it checks the base URL before anything is sent,
// passes the AbortSignal through (so aborting closes the socket), follows only same-origin
// redirects (redirectPolicy.ts: a key never leaves the configured origin), maps connection
// failures and non-2xx responses to ProviderError, and returns only 2xx responses.
import type { RateLimitSnapshot } from '../../core/domain/chatProvider';
import { checkBaseUrl, type BaseUrlSource } from './checkBaseUrl';
import { httpError } from './httpError';
import { checkRedirect, redirectTarget } from './redirectPolicy';
import { transportError } from './transportError';

export interface ProviderEndpoint extends BaseUrlSource {
  readonly readRateLimits: (headers: Headers) => RateLimitSnapshot | undefined;
}

export interface ProviderRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path appended to the base URL, e.g. "/chat/completions". */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Serialized as JSON when present. */
  readonly body?: unknown;
  /**
   * A body sent as it is, instead of `body`: a multipart form (a file upload; fetch sets its
   * Content-Type with the boundary) or a Blob assembled from pieces (a request body of hundreds of
   * megabytes is never one string). Both can be sent again on a same-origin redirect.
   */
  readonly rawBody?: FormData | Blob;
  readonly signal: AbortSignal;
  /** Values that must never appear in an error message. */
  readonly secrets: readonly (string | undefined)[];
}

export async function providerFetch(endpoint: ProviderEndpoint, request: ProviderRequest): Promise<Response> {
  checkBaseUrl(endpoint);
  const transport = { ...endpoint, signal: request.signal, secrets: request.secrets };
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    ...(request.rawBody !== undefined ? { body: request.rawBody } : request.body !== undefined && { body: JSON.stringify(request.body) }),
    signal: request.signal,
    redirect: 'manual',
  };
  let url = new URL(joinUrl(endpoint.baseUrl, request.path));
  const visited = [url.href];
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw transportError(error, 'connect', transport);
    }
    const next = redirectTarget(response, url, endpoint);
    if (next === undefined) return okOrThrow(response, endpoint, request);
    // The redirect's own body is never read; cancelling it frees the connection for the next hop.
    await response.body?.cancel().catch(() => undefined);
    checkRedirect({ status: response.status, method: request.method, from: url, to: next, visited, keyed: request.secrets.some((s) => !!s) }, endpoint);
    visited.push(next.href);
    url = next;
  }
}

async function okOrThrow(response: Response, endpoint: ProviderEndpoint, request: ProviderRequest): Promise<Response> {
  if (response.ok) return response;
  const error = await httpError(response, { ...endpoint, secrets: request.secrets });
  // Cancelling while the error body was being read is still a cancellation.
  if (request.signal.aborted) throw transportError(request.signal.reason, 'connect', { ...endpoint, signal: request.signal, secrets: request.secrets });
  throw error;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
