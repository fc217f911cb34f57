// The manifest is ready for translation: every string of package.json a person reads is a `%key%`
// reference, every key has its English text in package.nls.json, and package.nls.json holds no
// text nothing uses (a stale entry would be translated for nothing). A translation is then one
// package.nls.<locale>.json file; VS Code picks it by the display language.
import { strict as assert } from 'node:assert';
import { readManifestStrings, readRawManifest } from '../helpers/manifestSettings';
import { userFacingStrings } from '../helpers/manifestStrings';

const REFERENCE = /^%([A-Za-z0-9_.-]+)%$/;

describe('Manifest localization: package.json refers to package.nls.json for every user-facing string', () => {
  const strings = readManifestStrings();
  const found = userFacingStrings(readRawManifest());

  it('finds the strings a person reads (commands, settings, views, the walkthrough)', () => {
    // Guards the walker itself: were it to find nothing, the tests below would prove nothing.
    for (const part of ['contributes.commands[0].title', 'contributes.viewsWelcome[0].contents', 'contributes.walkthroughs[0].steps[0].media.altText', 'displayName']) {
      assert.ok(found.some((s) => s.path === part), `the walker misses ${part}`);
    }
    assert.ok(found.filter((s) => s.path.includes('.configuration[')).length > 40, 'the walker misses settings descriptions');
  });

  it('writes every user-facing string as a %key% reference', () => {
    const literal = found.filter((s) => typeof s.value !== 'string' || !REFERENCE.test(s.value));
    assert.deepEqual(literal.map((s) => `${s.path}: ${JSON.stringify(s.value).slice(0, 80)}`), []);
  });

  it('has English text in package.nls.json for every key package.json uses', () => {
    const missing = found.map((s) => REFERENCE.exec(String(s.value))?.[1]).filter((k): k is string => k !== undefined && !(k in strings));
    assert.deepEqual(missing, []);
    for (const [key, text] of Object.entries(strings)) assert.ok(typeof text === 'string' && text.trim().length > 0, `package.nls.json: "${key}" is empty`);
  });

  it('keeps no key in package.nls.json that package.json does not use', () => {
    const used = new Set(found.map((s) => REFERENCE.exec(String(s.value))?.[1]));
    assert.deepEqual(Object.keys(strings).filter((k) => !used.has(k)), []);
  });
});
