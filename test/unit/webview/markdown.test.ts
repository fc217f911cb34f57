// The marked layer of output rendering. DOMPurify (safeHtml.ts) needs a real DOM and is checked in
// a browser instead; this layer alone must already neutralise raw HTML and unsafe links.
import * as assert from 'node:assert/strict';
import { escapeHtml } from '../../../src/shared/escapeHtml';
import { isSafeHref, markdownToHtml } from '../../../webview-ui/markdownHtml';

describe('markdownToHtml', () => {
  it('renders ordinary markdown', () => {
    const html = markdownToHtml('# Title\n\nSome **bold** and `code`.\n\n- a\n- b\n\n```ts\nconst x = 1 < 2;\n```\n');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<code>code<\/code>/);
    assert.match(html, /<li>a<\/li>/);
    assert.match(html, /const x = 1 &lt; 2;/);
  });

  it('keeps single newlines as line breaks', () => {
    assert.match(markdownToHtml('line one\nline two'), /line one<br>\s*line two/);
  });

  it('shows raw HTML as text, block and inline', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> inline and <b>tags</b>.');
    assert.doesNotMatch(html, /<script|<img|<b>/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&lt;b&gt;tags&lt;\/b&gt;/);
  });

  it('drops links with unsafe schemes, keeping their text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.quit']) {
      const html = markdownToHtml(`[click me](${href})`);
      assert.doesNotMatch(html, /<a\b/, href);
      assert.match(html, /click me/);
    }
  });

  it('keeps http(s) and mailto links, with the target as the title', () => {
    const html = markdownToHtml('[docs](https://example.com/a?b=1&c=2) [mail](mailto:a@example.com "Mail us")');
    assert.match(html, /<a href="https:\/\/example\.com\/a\?b=1&amp;c=2" title="https:\/\/example\.com\/a\?b=1&amp;c=2">docs<\/a>/);
    assert.match(html, /<a href="mailto:a@example\.com" title="Mail us">mail<\/a>/);
  });

  it('never embeds images: they become links that fetch nothing until clicked', () => {
    const html = markdownToHtml('![pixel](https://evil.example/p.png) ![x](javascript:alert(1))');
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /<a href="https:\/\/evil\.example\/p\.png"[^>]*>\[image: pixel\]<\/a>/);
    assert.match(html, /\[image: x\]/);
    assert.doesNotMatch(html, /javascript:/);
  });

  it('renders task-list checkboxes as text, not form controls', () => {
    const html = markdownToHtml('- [x] done\n- [ ] todo');
    assert.doesNotMatch(html, /<input/i);
    assert.match(html, /☑ done/);
    assert.match(html, /☐ todo/);
  });

  it('escapes attribute-breaking characters in titles', () => {
    const html = markdownToHtml('[t](https://example.com "a\\" onmouseover=\\"x")');
    assert.doesNotMatch(html, /" onmouseover=/);
  });
});

describe('markdown helpers', () => {
  it('escapes HTML', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('allows only http, https and mailto', () => {
    assert.equal(isSafeHref('https://x'), true);
    assert.equal(isSafeHref(' http://x'), true);
    assert.equal(isSafeHref('mailto:a@b'), true);
    assert.equal(isSafeHref('javascript:x'), false);
    assert.equal(isSafeHref('/relative'), false);
    assert.equal(isSafeHref('#anchor'), false);
  });
});
