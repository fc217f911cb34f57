// What providerFetch does with a redirect. fetch's own `redirect: 'follow'` drops only
// Authorization when a redirect changes origin and keeps every other header, so an `x-api-key`
// would travel to whatever origin a server names. Requests are therefore sent with
// `redirect: 'manual'` and each hop is judged here:
//
// - Another origin (scheme, host or port differ; http → https on the same host too) is never
//   followed: the attempt fails with kind "config", naming both origins and the setting to change.
// - The same origin is followed, up to MAX_REDIRECTS hops, with method, body and headers kept for
//   301/302 as well as 307/308 (rewriting a POST into a GET, as browsers do for 301/302, only
//   earns a confusing 400 from an API). A 303 asks for exactly that rewrite, so a POST refuses it;
//   a GET follows it. A relative Location resolves against the URL that was requested.
// - A loop or too many hops fails with kind "config" too; a redirect without a Location is not
//   followable and is reported as the HTTP error it is.
import { ProviderError } from '../../core/domain/chatProvider';
import { configError, settingName, type BaseUrlSource } from './checkBaseUrl';
import { displayUrl } from './displayUrl';
import { phrase, type Phrase, type PhraseArg } from '../../core/domain/phrase';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface RedirectHop {
  readonly status: number;
  readonly method: string;
  readonly from: URL;
  readonly to: URL;
  /** Every URL requested so far, the first one included. */
  readonly visited: readonly string[];
  /** Whether the request carries a key (only changes the wording). */
  readonly keyed: boolean;
}

/** Where a redirect response points, or undefined when it is not a redirect that can be followed. */
export function redirectTarget(response: Response, from: URL, source: BaseUrlSource): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get('location')?.trim();
  if (!location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    throw new ProviderError(phrase('provider.redirect.invalidTarget', { provider: source.label, status: response.status }), { kind: 'protocol', providerId: source.providerId });
  }
}

/** Throws the reason a hop must not be followed; returns when it may be. */
export function checkRedirect(hop: RedirectHop, source: BaseUrlSource): void {
  const { from, to, label } = { ...hop, label: source.label };
  if (originOf(to) !== originOf(from)) throw configError(source, crossOriginMessage(hop, source));
  if (to.username !== '' || to.password !== '') {
    throw new ProviderError(phrase('provider.redirect.credentials', { provider: label }), { kind: 'protocol', providerId: source.providerId });
  }
  if (hop.status === 303 && hop.method !== 'GET') {
    throw configError(source, phrase('provider.redirect.seeOther', { provider: label, setting: settingName(source) }));
  }
  if (hop.visited.includes(to.href)) {
    throw configError(source, phrase('provider.redirect.loop', { provider: label, url: displayUrl(to.href), setting: settingName(source) }));
  }
  if (hop.visited.length > MAX_REDIRECTS) {
    throw configError(source, phrase('provider.redirect.tooMany', { provider: label, max: MAX_REDIRECTS, setting: settingName(source) }));
  }
}

function crossOriginMessage(hop: RedirectHop, source: BaseUrlSource): Phrase {
  const { from, to } = hop;
  const origins = { provider: source.label, to: originOf(to), from: originOf(from) };
  const refused = hop.keyed ? phrase('provider.redirect.crossOrigin.keyed', origins) : phrase('provider.redirect.crossOrigin', origins);
  if (to.hostname === from.hostname && to.protocol !== from.protocol && (to.protocol === 'https:' || to.protocol === 'http:')) {
    return phrase('provider.redirect.schemeChanged', { refused, fromScheme: from.protocol, toScheme: to.protocol, setting: settingName(source), url: movedBaseUrl(source.baseUrl, to) });
  }
  return phrase('provider.redirect.moved', { refused, setting: settingName(source) });
}

/** The configured base URL with its origin replaced by the redirect's (its path kept). */
function movedBaseUrl(baseUrl: string, to: URL): PhraseArg {
  const moved = new URL(baseUrl);
  moved.protocol = to.protocol;
  moved.host = to.host;
  return displayUrl(moved.href);
}

/** "https://api.example.com:8443": scheme, host and port, never a user name or path. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
