// A base URL is a setting a person typed. One that does not parse, is not http(s), or carries a
// user name or password can never work, so it fails before any request with a message naming the
// setting, instead of surfacing as a network error (retried, tripping the circuit breaker) or as
// fetch's own words. The value itself is never quoted: it may hold a pasted key.
import { ProviderError } from '../../core/domain/chatProvider';
import { phrase, type Phrase } from '../../core/domain/phrase';

export interface BaseUrlSource {
  readonly providerId: string;
  readonly label: string;
  readonly baseUrl: string;
  /** The setting (or variable) the base URL came from, named in messages; absent in plain use. */
  readonly baseUrlSetting?: string;
}

/** The parsed base URL; throws a ProviderError of kind "config" when it cannot be used. */
export function checkBaseUrl(source: BaseUrlSource): URL {
  const fail = (problem: Phrase): never => {
    throw configError(source, phrase('provider.baseUrl.invalid', { provider: source.label, problem, setting: settingName(source) }));
  };
  let parsed: URL;
  try {
    parsed = new URL(source.baseUrl);
  } catch {
    return fail(source.baseUrl.trim() === '' ? phrase('provider.baseUrl.empty', {}) : phrase('provider.baseUrl.notUrl', {}));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail(phrase('provider.baseUrl.scheme', { scheme: parsed.protocol }));
  if (parsed.username !== '' || parsed.password !== '') {
    throw configError(source, phrase('provider.baseUrl.credentials', { provider: source.label, setting: settingName(source) }));
  }
  return parsed;
}

export function configError(source: BaseUrlSource, message: Phrase): ProviderError {
  return new ProviderError(message, { kind: 'config', providerId: source.providerId, ...(source.baseUrlSetting !== undefined && { setting: source.baseUrlSetting }) });
}

/** `"aiTaskQueue.providers.openai.baseUrl"`, or a description when the source is unknown. */
export function settingName(source: BaseUrlSource): Phrase {
  return source.baseUrlSetting !== undefined ? phrase('provider.setting', { setting: source.baseUrlSetting }) : phrase('provider.setting.unknown', {});
}
