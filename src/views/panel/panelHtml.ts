// The HTML shell of the "AI Task Output" webview. Imports nothing from vscode so it is unit-tested
// in plain Node; the panel host passes in webview.cspSource and the asWebviewUri of the bundle.
//
// CSP: scripts only with this page's nonce; styles only from the webview's own origin, with no
// 'unsafe-inline' — the bundle applies its CSS and @vscode-elements (Lit) apply theirs as
// constructable stylesheets (adoptedStyleSheets), which style-src does not block. No connect-src,
// frame-src or remote images: model output is untrusted and must not be able to fetch anything.
//
// The webview's own words are translated in the page with the host's bundle, which rides along as
// a JSON data block (see src/shared/l10nBundle.ts); a data block is not a script that runs, so the
// CSP stays as it is.
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../shared/escapeHtml';
import { L10N_BUNDLE_ELEMENT_ID, l10nBundleJson, pageLanguage, type L10nBundle } from '../../shared/l10nBundle';

export interface PanelHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(dist/webview/main.js)`, as a string. */
  readonly scriptUri: string;
  /** From createNonce(), fresh for every render. */
  readonly nonce: string;
  readonly title?: string;
  /** `vscode.l10n.bundle`: the translations the webview's l10n.t reads; undefined in English. */
  readonly l10nBundle?: L10nBundle;
  /** `vscode.env.language`, so the page's lang matches the words in it. */
  readonly language?: string;
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;


/** 128 bits from the OS CSPRNG, base64: a valid CSP nonce-source. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The CSP; throws when an input could smuggle in another directive or source. */
export function panelCsp(cspSource: string, nonce: string): string {
  if (!NONCE.test(nonce)) throw new Error('renderPanelHtml: nonce must be base64 (see createNonce)');
  // VS Code's real value is "'self' https://*.vscode-cdn.net": host sources plus the 'self'
  // keyword. Anything else quoted ('unsafe-eval', …) or a directive separator is refused.
  if (!/^(?:'self'|[^\s;,'"<>]+)(?: (?:'self'|[^\s;,'"<>]+))*$/.test(cspSource)) throw new Error('renderPanelHtml: invalid cspSource');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderPanelHtml(options: PanelHtmlOptions): string {
  const csp = panelCsp(options.cspSource, options.nonce);
  const title = escapeHtml(options.title ?? l10n.t('AI Task Output'));
  // The JSON is escaped for a <script> body (no "<", ">" or "&" left), not HTML-escaped: the
  // element's text is read raw.
  const translations = options.l10nBundle ? `\n  <script type="application/json" id="${L10N_BUNDLE_ELEMENT_ID}">${l10nBundleJson(options.l10nBundle)}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(pageLanguage(options.language))}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${title}</title>${translations}
</head>
<body>
  <div id="app" data-testid="panel-root"></div>
  <script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
