// HTML-escapes text for both sides of the webview boundary (the host's page shell and the
// webview's markdown renderer); lives in shared because both may import it.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
