// The OpenAI error cases from reference §7, as data. The contract tests prove the official SDK
// reads each one the way it reads the real service; the unit tests run our client over the same
// list, so the two can never drift apart.
import { INSUFFICIENT_QUOTA, openAiErrorBody } from './openAiErrorBodies';
import type { OpenAiScript } from './openAiScript';

export interface OpenAiErrorCase {
  readonly name: string;
  readonly script: Extract<OpenAiScript, { kind: 'error' }>;
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  /** The openai-node error class name the status maps to (§1.5). */
  readonly sdkClass: string;
  /** What our client should report as retryAfterMs / shouldRetry. */
  readonly retryAfterMs?: number;
  readonly shouldRetry?: boolean;
}

const SDK_CLASS: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  408: 'APIError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  503: 'InternalServerError',
};

function plain(status: number): OpenAiErrorCase {
  const { error } = openAiErrorBody(status);
  return { name: `HTTP ${status}`, script: { kind: 'error', status }, status, type: error.type, code: error.code, sdkClass: SDK_CLASS[status] ?? 'APIError' };
}

export const OPENAI_ERROR_CASES: readonly OpenAiErrorCase[] = [
  ...[400, 401, 403, 404, 408, 409, 422, 429, 500, 503].map(plain),
  { ...plain(429), name: 'HTTP 429 with retry-after seconds', script: { kind: 'error', status: 429, headers: { 'retry-after': '2' } }, retryAfterMs: 2000 },
  { ...plain(429), name: 'HTTP 429 with retry-after-ms', script: { kind: 'error', status: 429, headers: { 'retry-after-ms': '250' } }, retryAfterMs: 250 },
  { ...plain(500), name: 'HTTP 500 with x-should-retry: false', script: { kind: 'error', status: 500, headers: { 'x-should-retry': 'false' } }, shouldRetry: false },
  {
    name: 'HTTP 429 insufficient_quota',
    script: { kind: 'error', status: 429, error: INSUFFICIENT_QUOTA },
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    sdkClass: 'RateLimitError',
  },
];
