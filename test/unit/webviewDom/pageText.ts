// What a person reads or hears on a page: its text, and the attributes and properties that are
// shown on hover, read out by a screen reader or drawn by a component (a collapsible's heading).

/** Attributes whose values are language. */
const LANGUAGE_ATTRIBUTES = ['title', 'aria-label', 'aria-description', 'aria-valuetext', 'placeholder', 'alt'];
/** Properties @vscode-elements components draw as text (set as properties, not attributes). */
const LANGUAGE_PROPERTIES = ['heading', 'description', 'label'];

function textNodes(node: Node, out: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === child.TEXT_NODE) out.push(child.nodeValue ?? '');
    else textNodes(child, out);
  }
}

/**
 * Each piece of language under `root`, one string each. Text nodes are taken one by one: joined,
 * neighbouring cells ("55s" and "1,234") would make up words no one reads.
 */
export function pageTexts(root: Element): string[] {
  const out: string[] = [];
  textNodes(root, out);
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const name of LANGUAGE_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
    for (const name of LANGUAGE_PROPERTIES) {
      // An own property only: HTMLElement has no `heading`; a component's is set by our code.
      const value: unknown = Object.prototype.hasOwnProperty.call(el, name) ? (el as unknown as Record<string, unknown>)[name] : undefined;
      if (typeof value === 'string' && value) out.push(value);
    }
  }
  return out;
}
