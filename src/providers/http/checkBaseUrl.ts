// A base URL is a setting a person typed. One that does not parse, is not http(s), or carries a
// user name or password can never work, so it fails before any request with a message naming the
// setting, instead of surfacing as a network error (retried, tripping the circuit breaker) or as
// fetch's own words. The value itself is never quoted: it may hold a pasted key.
import { ProviderError } from '../../core/domain/chatProvider';

export interface BaseUrlSource {
  readonly providerId: string;
  readonly label: string;
  readonly baseUrl: string;
  /** The setting (or variable) the base URL came from, named in messages; absent in plain use. */
  readonly baseUrlSetting?: string;
}

/** The parsed base URL; throws a ProviderError of kind "config" when it cannot be used. */
export function checkBaseUrl(source: BaseUrlSource): URL {
  const fail = (problem: string): never => {
    throw configError(source, `The base URL of ${source.label} ${problem}. Set ${settingName(source)} to an http:// or https:// address.`);
  };
  let parsed: URL;
  try {
    parsed = new URL(source.baseUrl);
  } catch {
    return fail(source.baseUrl.trim() === '' ? 'is empty' : 'is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail(`uses ${parsed.protocol}, which is not http:// or https://`);
  if (parsed.username !== '' || parsed.password !== '') {
    throw configError(source, `The base URL of ${source.label} contains a user name or password, which are never sent. Remove them from ${settingName(source)}; a key belongs in "AI Tasks: Set API Key…".`);
  }
  return parsed;
}

export function configError(source: BaseUrlSource, message: string): ProviderError {
  return new ProviderError(message, { kind: 'config', providerId: source.providerId, ...(source.baseUrlSetting !== undefined && { setting: source.baseUrlSetting }) });
}

/** `"aiTaskQueue.providers.openai.baseUrl"`, or a description when the source is unknown. */
export function settingName(source: BaseUrlSource): string {
  return source.baseUrlSetting !== undefined ? `"${source.baseUrlSetting}"` : 'the base URL';
}
