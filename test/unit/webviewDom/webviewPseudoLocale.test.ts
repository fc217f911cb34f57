// A pseudo-locale run of both webviews: with every message of l10n/bundle.l10n.json pseudo-localized
// (each ASCII letter swapped for an accented one) the way the host would hand a translation to the
// page, and all data in non-ASCII letters, any ASCII word left in the page's text, titles,
// aria-labels or placeholders was never translated. The text the host sends already translated
// (a failure's message and remediation, a status line) is data here.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { pageTexts } from './pageText';
import { openTestPage, type TestPage } from './testPage';
import { panelStates, renderPanel, renderResults } from './webviewSamples';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * ASCII words that may stay, each not language: the protocol before a status code ("HTTP 429"),
 * and failure codes, which the panel shows as codes beside the host's translated message. Single
 * letters count too: a duration's unit ("42s") is a message like any other.
 */
const NOT_LANGUAGE = new Set(['HTTP', 'RATE_LIMITED', 'SERVER_ERROR']);

function englishWords(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [])].filter((w) => !NOT_LANGUAGE.has(w));
}

/** Every state of both webviews, drawn in turn; each returns the page's language, labelled by state. */
function renderAll(page: TestPage): { readonly state: string; readonly texts: string[] }[] {
  const drawn = panelStates().map(({ name, state }) => {
    const stop = renderPanel(page.root, state);
    try {
      return { state: `panel, ${name}`, texts: pageTexts(page.root) };
    } finally {
      stop();
    }
  });
  for (const kind of ['files', 'models'] as const) {
    renderResults(page.root, kind);
    drawn.push({ state: `results view, ${kind}`, texts: pageTexts(page.root) });
  }
  return drawn;
}

const leftovers = (drawn: ReturnType<typeof renderAll>): string[] => drawn.flatMap((d) => d.texts.flatMap((t) => englishWords(t).map((w) => `${d.state}: "${w}" in ${JSON.stringify(t.slice(0, 160))}`)));

describe('Webview localization: a pseudo-locale run of both webviews leaves no English', () => {
  let page: TestPage;
  beforeEach(() => {
    page = openTestPage();
  });
  afterEach(async () => {
    l10n.config({ contents: {} });
    await page.close();
  });

  it('finds English in the same pages without translations (the check can fail)', () => {
    l10n.config({ contents: {} });
    const words = new Set(leftovers(renderAll(page)).map((l) => /"(\w+)"/.exec(l)?.[1]));
    for (const w of ['Cancel', 'Prompt', 'Output', 'tokens', 'Sort', 'Score', 'Waiting', 'attempt', 'Good', 'Search', 'done']) assert.ok(words.has(w), `no "${w}" in the English run`);
  });

  it('has every word of both webviews translated when the bundle is pseudo-localized', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
    l10n.config({ contents: getL10nPseudoLocalized(bundle) });
    const drawn = renderAll(page);
    // Guards the run itself: the panel's task layout and the results table were drawn.
    const all = drawn.flatMap((d) => d.texts).join('\n');
    for (const data of ['Ŧȧşķ ǿƞḗ', 'ƒīŀḗ-ȧ', 'Ħḗřḗ īş ŧħḗ ȧƞşẇḗř.']) assert.ok(all.includes(data), `not drawn: ${data}`);
    assert.deepEqual(leftovers(drawn), []);
  });
});
