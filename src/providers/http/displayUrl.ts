// Base URLs appear in error messages; a URL may carry credentials or a key in its query string,
// so only scheme, host, port and path are ever shown.

export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}
