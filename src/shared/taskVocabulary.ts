// The words both sides of the webview boundary and the engine share. Lowest layer: imports nothing.

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TASK_STATUSES = ['queued', 'waiting', 'running', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FAILURE_CODES = [
  'AUTH',
  /** A setting is wrong (a base URL that is not http(s), a redirect to another origin): fix it, then retry. */
  'CONFIG',
  'PERMISSION',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONTEXT_TOO_LONG',
  'QUOTA_EXHAUSTED',
  'RATE_LIMITED',
  'OVERLOADED',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'PROVIDER_UNAVAILABLE',
  'PROTOCOL',
  'UNKNOWN',
  /** The task was running when VS Code closed or crashed; restored from history with its partial output. */
  'INTERRUPTED',
  /** A provider batch (OpenAI Batch API, Anthropic Message Batches) did not run the request within its 24 h window. */
  'EXPIRED',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];
