import * as assert from 'node:assert/strict';
import { createNonce, panelCsp, renderPanelHtml } from '../../../src/views/panel/panelHtml';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const SCRIPT = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js';

function render(overrides: Partial<Parameters<typeof renderPanelHtml>[0]> = {}): { html: string; nonce: string } {
  const nonce = overrides.nonce ?? createNonce();
  return { html: renderPanelHtml({ cspSource: CSP_SOURCE, scriptUri: SCRIPT, nonce, ...overrides }), nonce };
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'CSP meta tag present');
  return match[1] ?? '';
}

describe('renderPanelHtml', () => {
  it('sets a strict CSP with the nonce and no unsafe sources', () => {
    const { html, nonce } = render();
    const csp = cspOf(html).replace(/&#39;/g, "'");
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
    assert.ok(csp.includes(`style-src ${CSP_SOURCE}`));
    assert.ok(csp.includes(`img-src ${CSP_SOURCE} data:`));
    assert.ok(csp.includes(`font-src ${CSP_SOURCE}`));
    assert.ok(csp.includes("base-uri 'none'"));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;|connect-src|frame-src|https?: /);
  });

  it('loads exactly one script, with the nonce and the given URI', () => {
    const { html, nonce } = render();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0], `<script nonce="${nonce}" src="${SCRIPT}">`);
    assert.match(html, /<div id="app"/);
  });

  it('has no inline handlers, inline styles or inline script bodies', () => {
    const { html } = render();
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /<style|\sstyle=/i);
    assert.match(html, /<script [^>]*><\/script>/);
  });

  it('escapes the title and the script URI', () => {
    const { html } = render({ title: '</title><script>alert(1)</script>', scriptUri: 'https://x/"><script>alert(2)</script>' });
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.ok(html.includes('src="https://x/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"'));
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  });

  it('refuses a nonce or cspSource that could inject CSP directives', () => {
    assert.throws(() => render({ nonce: "abc' 'unsafe-inline" }));
    assert.throws(() => render({ nonce: 'short' }));
    assert.throws(() => render({ cspSource: "https://x; script-src 'unsafe-eval'" }));
    assert.throws(() => render({ cspSource: '' }));
    assert.throws(() => render({ cspSource: 'https://x" onload="y' }));
  });

  it("accepts VS Code's real cspSource, which includes the 'self' keyword", () => {
    const { html } = render({ cspSource: "'self' https://*.vscode-cdn.net" });
    assert.ok(html.includes("style-src &#39;self&#39; https://*.vscode-cdn.net"));
    assert.throws(() => render({ cspSource: "'self' 'unsafe-eval'" }));
  });

  it('accepts a space-separated cspSource list', () => {
    assert.ok(panelCsp('https://a.example https://b.example', createNonce()).includes('style-src https://a.example https://b.example'));
  });
});

describe('createNonce', () => {
  it('returns 128 random bits as base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
    }
  });
});
