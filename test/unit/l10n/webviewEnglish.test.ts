// The webviews (the output panel and the results view) hard-code no English: every word a person
// reads or hears there (text, a button, a title, an aria-label, a placeholder) is the message of an
// `l10n.t` call, which the page looks up in the translations the host put in it. The same scan as
// for the host (test/unit/helpers/hostStrings.ts), over webview-ui/.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WEBVIEW_ROOTS, englishLiterals, hostSourceFiles, staleEntries, unexcused, type AllowList, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`).
 */
const NOT_LANGUAGE: AllowList = {
  // A programming error (a caller passed `style` or an `on*` handler), thrown at the developer; no person sees it.
  'webview-ui/element.ts': ['refused attribute ${…}'],
  // The markup of a link in rendered model output; its words are the model's, its title the URL.
  'webview-ui/markdownHtml.ts': ['<a href="${…}" title="${…}">${…}</a>'],
};

function scan(): HostLiteral[] {
  return hostSourceFiles(ROOT, WEBVIEW_ROOTS).flatMap((p) => englishLiterals(path.relative(ROOT, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')));
}


describe('Webview localization: no hard-coded English in webview-ui', () => {
  const found = scan();

  it('flags the words of a DOM builder and lets classes, data attributes, ids and l10n.t messages pass', () => {
    // Guards the scanner on the webview's own idioms: were it to flag nothing, the tests below would prove nothing.
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "h('span', { class: 'meta-item model', 'data-testid': 'model', title: 'Open this task' }, 'Cancel');",
      "h('input', { placeholder: 'Search files', 'aria-label': l10n.t('Search the results') });",
      "h('svg', { class: `icon icon-${name}${extra ? ` ${extra}` : ''}` });",
      "h('div', { class: `stat ${extraClass}`.trim() }, `${n} tokens`);",
      "a.setAttribute('rel', 'noopener noreferrer nofollow');",
      "a.setAttribute('title', 'Open the link');",
      "const spec = { action: 'copy', label: l10n.t('Copy') };",
      "const status = row.status === 'queued' ? l10n.t('waiting') : 'running';",
      "const heading = task.title || 'Untitled task';",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['Open this task', 'Cancel', 'Search files', '${…} tokens', 'Open the link', 'running', 'Untitled task']);
  });

  it('scans both webviews', () => {
    const files = new Set(hostSourceFiles(ROOT, WEBVIEW_ROOTS).map((p) => path.relative(ROOT, p).split(path.sep).join('/')));
    for (const f of ['webview-ui/panelView.ts', 'webview-ui/results/resultsTable.ts', 'webview-ui/format.ts']) assert.ok(files.has(f), `not scanned: ${f}`);
  });

  it('has every English literal inside l10n.t, apart from the reviewed allow-list', () => {
    assert.deepEqual(unexcused(found, NOT_LANGUAGE), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    assert.deepEqual(staleEntries(found, NOT_LANGUAGE), []);
  });
});
