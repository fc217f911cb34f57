// The identity of a request for the response cache: provider, where it is sent (the endpoint
// without credentials), model, system prompt, prompt and the request parameters. Hashed, so the
// cache file never holds prompt text; API keys are never part of it, so changing a key keeps
// answers, while any parameter that changes the answer misses.
import { createHash } from 'node:crypto';

export interface RequestIdentity {
  readonly providerId: string;
  /** The endpoint the provider sends to; credentials and query strings are removed before hashing. */
  readonly endpoint: string;
  readonly model: string;
  readonly systemPrompt?: string;
  readonly prompt: string;
  /** Request parameters that shape the answer (max output tokens, temperature). */
  readonly parameters: Readonly<Record<string, string | number | boolean | undefined>>;
}

export function responseCacheKey(identity: RequestIdentity): string {
  const parameters = Object.keys(identity.parameters)
    .filter((name) => identity.parameters[name] !== undefined)
    .sort()
    .map((name) => [name, identity.parameters[name]]);
  const canonical = JSON.stringify([1, identity.providerId, endpointWithoutSecrets(identity.endpoint), identity.model, identity.systemPrompt ?? null, identity.prompt, parameters]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** An endpoint URL without user info, query or fragment, where a credential could hide. */
export function endpointWithoutSecrets(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return endpoint.replace(/[?#].*$/, '').replace(/\/\/[^/@]*@/, '//');
  }
}
