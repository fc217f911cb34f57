// The only place model output becomes DOM: markdown HTML is sanitized by DOMPurify against an
// allow-list of the tags markdown produces, and comes back as a fragment (no innerHTML anywhere).
import DOMPurify from 'dompurify';
import { markdownToHtml } from './markdownHtml';

const ALLOWED_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol',
  'p', 'pre', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
// No `style` (the CSP blocks inline styles anyway), no `class` (output must not borrow our classes,
// e.g. to fake the simulator banner), no `id`, no event handlers.
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:)/i;

let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node: Element) => {
    if (node.tagName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      if (!node.hasAttribute('title') && node.hasAttribute('href')) node.setAttribute('title', node.getAttribute('href') ?? '');
    }
  });
}

export function sanitizeHtml(html: string): DocumentFragment {
  installHooks();
  return DOMPurify.sanitize(html, {
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
