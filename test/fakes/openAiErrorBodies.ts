// Realistic OpenAI error bodies per status (reference §1.4, §1.5), so fakes and contract tests
// exercise the same shapes clients meet in production.
import type { OpenAiErrorObject } from './openAiScript';

const BY_STATUS: Readonly<Record<number, OpenAiErrorObject>> = {
  400: { message: "Invalid value for 'temperature': expected a number between 0 and 2.", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' },
  401: { message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
  403: { message: 'Country, region, or territory not supported', type: 'request_forbidden', param: null, code: 'unsupported_country_region_territory' },
  404: { message: 'The model `fake-model` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' },
  408: { message: 'Request timed out.', type: 'timeout_error', param: null, code: null },
  409: { message: 'The request conflicted with another request; please retry.', type: 'conflict_error', param: null, code: null },
  422: { message: 'Unprocessable request.', type: 'invalid_request_error', param: null, code: null },
  429: {
    message: 'Rate limit reached for fake-model in organization org-fake on tokens per min (TPM): Limit 30000, Used 28039, Requested 3906. Please try again in 3.89s.',
    type: 'tokens',
    param: null,
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null },
};

export const INSUFFICIENT_QUOTA: OpenAiErrorObject = {
  message: 'You exceeded your current quota, please check your plan and billing details.',
  type: 'insufficient_quota',
  param: null,
  code: 'insufficient_quota',
};

export function openAiErrorBody(status: number, override: Partial<OpenAiErrorObject> = {}): { error: OpenAiErrorObject } {
  const base = BY_STATUS[status] ?? { message: `HTTP ${status}`, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null };
  return { error: { ...base, param: base.param ?? null, ...override } };
}
