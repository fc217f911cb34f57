// The only place model output becomes DOM: markdown HTML is sanitized by DOMPurify against an
// allow-list of the tags markdown produces, and comes back as a fragment (no innerHTML anywhere).
import createPurifier, { type DOMPurify } from 'dompurify';
import { markdownToHtml } from './markdownHtml';

const ALLOWED_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol',
  'p', 'pre', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
// No `style` (the CSP blocks inline styles anyway), no `class` (output must not borrow our classes,
// e.g. to fake the simulator banner), no `id`, no event handlers.
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:)/i;

/**
 * Made on first use, for the page's window: the library's default instance is bound to whatever
 * `window` existed when the module loaded, and in a Node test (happy-dom) there was none then. A
 * page has one window, so in the webview this is made once.
 */
let purifier: { readonly window: Window; readonly purify: DOMPurify } | undefined;

function purifierForPage(): DOMPurify {
  if (purifier?.window === window) return purifier.purify;
  const purify = createPurifier(window);
  purify.addHook('afterSanitizeAttributes', (node: Element) => {
    if (node.tagName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      if (!node.hasAttribute('title') && node.hasAttribute('href')) node.setAttribute('title', node.getAttribute('href') ?? '');
    }
  });
  purifier = { window, purify };
  return purify;
}

export function sanitizeHtml(html: string): DocumentFragment {
  return purifierForPage().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** Untrusted markdown → a sanitized fragment ready to insert. */
export function renderMarkdown(text: string): DocumentFragment {
  return sanitizeHtml(markdownToHtml(text));
}
