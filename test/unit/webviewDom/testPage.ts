// A page for the webview's DOM code in plain Node: a happy-dom window whose globals (document,
// requestAnimationFrame, ...) exist only between open and close, so the rest of the unit suite
// never runs "in a browser" (some SDKs refuse to). happy-dom is not a browser: DOMPurify does not
// sanitize under it, so tests here read the page's own words and never judge how model output is
// cleaned (that is checked in Chromium, see webview-ui/README.md).
import { Window } from 'happy-dom';

/** The browser globals webview-ui reaches for outside an element's own methods. */
const GLOBALS = ['window', 'document', 'requestAnimationFrame', 'cancelAnimationFrame'] as const;

export interface TestPage {
  readonly document: Document;
  /** An empty element in the page's body to render into. */
  readonly root: HTMLElement;
  close(): Promise<void>;
}

export function openTestPage(): TestPage {
  const window = new Window();
  const global = globalThis as Record<string, unknown>;
  const before = new Map(GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
  const values: Record<(typeof GLOBALS)[number], unknown> = {
    window,
    document: window.document,
    requestAnimationFrame: window.requestAnimationFrame.bind(window),
    cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  };
  for (const name of GLOBALS) Object.defineProperty(globalThis, name, { value: values[name], configurable: true, writable: true });
  // happy-dom's classes mirror the DOM's; the webview code is typed against lib.dom.
  const document = window.document as unknown as Document;
  const root = document.createElement('div');
  root.id = 'app';
  document.body.append(root);
  return {
    document,
    root,
    close: async () => {
      for (const [name, descriptor] of before) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete global[name];
      }
      await window.happyDOM.close();
    },
  };
}

/** Parses a whole HTML document the way a browser would (the page the host renders). */
export function parseHtml(html: string): { readonly document: Document; close(): Promise<void> } {
  const window = new Window();
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => window.happyDOM.close() };
}
