// Markdown → HTML for model output. Model output is untrusted, so this renderer never passes raw
// HTML through (it is shown as text), drops links that are not http(s)/mailto, and turns images
// into links so nothing is fetched without a click. The result still goes through DOMPurify
// (safeHtml.ts) before it reaches the page; this layer keeps the intent testable in plain Node.
import * as l10n from '@vscode/l10n';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../src/shared/escapeHtml';

const SAFE_LINK = /^(?:https?:|mailto:)/i;


/** Marked has already percent-encoded the destination; only the scheme decides if it is kept. */
export function isSafeHref(href: string): boolean {
  return SAFE_LINK.test(href.trim());
}

const markdown = new Marked({
  async: false,
  gfm: true,
  // Models use single newlines as line breaks (poems, addresses, terse lists): keep them.
  breaks: true,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      const escaped = escapeHtml(text);
      return block ? `<p>${escaped}</p>\n` : escaped;
    },
    link(this: { parser: { parseInline(tokens: Tokens.Link['tokens']): string } }, token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      if (!isSafeHref(token.href)) return inner;
      const href = escapeHtml(token.href);
      return `<a href="${href}" title="${token.title ? escapeHtml(token.title) : href}">${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      // The whole label is escaped: a translation is text too, never markup.
      const label = escapeHtml(l10n.t('[image: {0}]', text || l10n.t('untitled')));
      if (!isSafeHref(href)) return label;
      const safe = escapeHtml(href);
      return `<a href="${safe}" title="${safe}">${label}</a>`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      // Text instead of an <input>: the sanitizer allows no form controls.
      return checked ? '☑ ' : '☐ ';
    },
  },
});

export function markdownToHtml(text: string): string {
  return markdown.parse(text, { async: false });
}
