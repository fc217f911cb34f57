// How the host hands its translations to a webview. The page carries VS Code's bundle for the
// display language as a JSON data block (never executed, so the nonce CSP needs no change); the
// webview reads it before its first render and gives it to @vscode/l10n. In English there is no
// bundle, no block, and every l10n.t returns its own English message.

/** The id of the `<script type="application/json">` element that holds the bundle. */
export const L10N_BUNDLE_ELEMENT_ID = 'l10n-bundle';

/** Message → translation, the shape of `vscode.l10n.bundle`. */
export type L10nBundle = Readonly<Record<string, string>>;

/**
 * The bundle as JSON that is safe inside a `<script>` element: `<`, `>` and `&` are escaped so no
 * message ("</script>", "<!--") can end the element or start a comment, and U+2028/U+2029 so the
 * text stays valid wherever a JavaScript parser might meet it. JSON.parse reads it back unchanged.
 */
export function l10nBundleJson(bundle: L10nBundle): string {
  return JSON.stringify(bundle).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The bundle read back from the data block's text; undefined when there is none or it is not an object of strings. */
export function parseL10nBundle(text: string | null | undefined): L10nBundle | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // Only string translations: anything else would make l10n.t return a non-string.
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A BCP 47-like tag for `<html lang>` (VS Code's `env.language`: "en", "zh-cn", "pt-br"), or "en". */
export function pageLanguage(language: string | undefined): string {
  return language !== undefined && /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en';
}
