// The host's translations reach the webview inside the page: renderPanelHtml embeds the bundle as a
// JSON data block, a browser's parser keeps it intact whatever the messages hold, and the webview's
// entry code hands it to @vscode/l10n. The CSP is the same with or without it.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { L10N_BUNDLE_ELEMENT_ID, parseL10nBundle } from '../../../src/shared/l10nBundle';
import { createNonce, renderPanelHtml } from '../../../src/views/panel/panelHtml';
import { useHostTranslations } from '../../../webview-ui/hostTranslations';
import { parseHtml } from './testPage';

const BASE = { cspSource: 'https://*.vscode-cdn.net', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js' };

/** Messages and translations a careless embedding would break on. */
const HOSTILE = {
  'Cancel': 'Abbrechen',
  'closes </script><script>alert(1)</script>': 'schließt </SCRIPT ><img src=x onerror=alert(2)>',
  'opens a <!-- comment': 'öffnet <!-- und ]]> und -->',
  'Tom & Jerry "quoted" \'single\'': 'Tom &amp; Jerry « zitiert »',
  'line\u2028separator\u2029paragraph': 'Zeile\u2028Trenner\u2029Absatz',
  'back\\slash {0}': 'Rück\\strich {0}',
};

const cspOf = (html: string): string | undefined => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

describe('Webview localization: the host hands its translations to the page', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('round-trips every message through the page, however hostile, and the webview reads it', async () => {
    const html = renderPanelHtml({ ...BASE, nonce: createNonce(), l10nBundle: HOSTILE, language: 'de' });
    const page = parseHtml(html);
    try {
      const block = page.document.getElementById(L10N_BUNDLE_ELEMENT_ID);
      assert.equal(block?.getAttribute('type'), 'application/json');
      assert.deepEqual(parseL10nBundle(block?.textContent), HOSTILE);
      // Nothing broke out: the one data block, the one bundle script, and the app root are all there is.
      const scripts = [...page.document.querySelectorAll('script')].map((s) => s.getAttribute('type') ?? s.getAttribute('src'));
      assert.deepEqual(scripts, ['application/json', BASE.scriptUri]);
      assert.equal(page.document.querySelectorAll('img, [onerror]').length, 0);
      assert.ok(page.document.getElementById('app'));
      assert.equal(page.document.documentElement.getAttribute('lang'), 'de');

      assert.equal(useHostTranslations(page.document), true);
      assert.equal(l10n.t('Cancel'), 'Abbrechen');
      assert.equal(l10n.t('back\\slash {0}', 7), 'Rück\\strich 7');
    } finally {
      await page.close();
    }
  });

  it('never lets a message end the data block or open a comment in the HTML source', () => {
    const html = renderPanelHtml({ ...BASE, nonce: createNonce(), l10nBundle: HOSTILE });
    const block = /<script type="application\/json" id="l10n-bundle">([^]*?)<\/script>/i.exec(html)?.[1] ?? '';
    assert.ok(block.length > 0);
    assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
  });

  it('keeps the CSP exactly as it is without translations', () => {
    const nonce = createNonce();
    const english = renderPanelHtml({ ...BASE, nonce });
    const translated = renderPanelHtml({ ...BASE, nonce, l10nBundle: HOSTILE, language: 'de' });
    assert.ok(cspOf(english));
    assert.equal(cspOf(translated), cspOf(english));
  });

  it('adds nothing in English, and the webview then keeps its English messages', async () => {
    const html = renderPanelHtml({ ...BASE, nonce: createNonce() });
    assert.doesNotMatch(html, /application\/json|l10n-bundle/);
    assert.match(html, /<html lang="en">/);
    const page = parseHtml(html);
    try {
      assert.equal(useHostTranslations(page.document), false);
      assert.equal(l10n.t('Cancel'), 'Cancel');
    } finally {
      await page.close();
    }
  });

  it('sets the page language only from a language tag', () => {
    assert.match(renderPanelHtml({ ...BASE, nonce: createNonce(), language: 'zh-cn' }), /<html lang="zh-cn">/);
    assert.match(renderPanelHtml({ ...BASE, nonce: createNonce(), language: '"><script>alert(1)</script>' }), /<html lang="en">/);
  });

  it('ignores a data block that is not an object of strings', () => {
    assert.equal(parseL10nBundle('not json'), undefined);
    assert.equal(parseL10nBundle('["Cancel"]'), undefined);
    assert.equal(parseL10nBundle('null'), undefined);
    assert.deepEqual(parseL10nBundle('{"Cancel":"Abbrechen","Retry":{"message":"x"}}'), { Cancel: 'Abbrechen' });
  });
});
