// l10n/bundle.l10n.json is what translators translate: it must hold every message the host and the
// webviews pass to `l10n.t` and nothing else, or a new sentence would ship untranslatable (and a
// removed one be translated for nothing). Run `npm run l10n:export` after changing a message.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { EXPORTED_ROOTS, exportedBundle } from './bundleExport';

const ROOT = path.resolve(__dirname, '../../../..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

describe('Localization: l10n/bundle.l10n.json matches the l10n.t messages of the host and the webviews', () => {
  it('is declared in package.json so VS Code loads a translation of it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  it('is written from the same folders as this test reads: the host and the webviews', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(manifest.scripts['l10n:export'], `vscode-l10n-dev export -o ./l10n ${EXPORTED_ROOTS.map((r) => `./${r}`).join(' ')}`);
  });

  it('holds exactly the messages `npm run l10n:export` finds in src/ and webview-ui/', async function () {
    this.timeout(30_000);
    const expected = await exportedBundle(ROOT);
    assert.ok(Object.keys(expected).length > 40, 'the export finds almost no l10n.t message: the sources or the exporter changed');
    const committed = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, unknown>;
    const missing = Object.keys(expected).filter((k) => !(k in committed));
    const stale = Object.keys(committed).filter((k) => !(k in expected));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run `npm run l10n:export`');
    assert.deepEqual(committed, expected, 'run `npm run l10n:export` (a comment or an entry changed)');
  });

  it('keeps every placeholder in a pseudo-localized bundle, so a translation can keep them too', () => {
    const bundle = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as l10nJsonFormat;
    const pseudo = getL10nPseudoLocalized(bundle);
    const text = (v: l10nJsonFormat[string] | undefined): string => (typeof v === 'string' ? v : (v?.message ?? ''));
    const holes = (s: string): string[] => (s.match(/\{[A-Za-z0-9_]+\}/g) ?? []).sort();
    for (const [key, value] of Object.entries(bundle)) {
      // A message of placeholders and punctuation only ("{0}: {1}") has nothing to pseudo-localize.
      if (/[A-Za-z]/.test(text(value).replace(/\{[A-Za-z0-9_]+\}/g, ''))) assert.notEqual(text(pseudo[key]), text(value), `not pseudo-localized: ${key}`);
      assert.deepEqual(holes(text(pseudo[key])), holes(text(value)), `placeholders lost in: ${key}`);
    }
  });
});
