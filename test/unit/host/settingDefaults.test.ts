// Every setting's default in package.json is the default the code uses. VS Code hands the code the
// manifest's default for an unset setting, so a mismatch would not show in a window, only where the
// code falls back on its own (the API, tests, a setting read before it is declared): this test
// reads every setting once unset and once set to the manifest's default, and wants the same result.
import { strict as assert } from 'node:assert';
import { parseAllSettings } from '../../../src/host/config/settingsValues';
import { SETTINGS_SECTION } from '../../../src/shared/ids';
import { configurationSections, manifestSettings } from '../helpers/manifestSettings';

/**
 * Settings the code reads somewhere other than parseAllSettings, with the default it uses there.
 * Empty: keep it so. A new setting read elsewhere fails the first test below until it is read in
 * parseAllSettings (best) or listed here with its code default.
 */
const READ_ELSEWHERE: Readonly<Record<string, unknown>> = {};

const declared = manifestSettings();
const keys = Object.keys(declared)
  .filter((k) => k.startsWith(`${SETTINGS_SECTION}.`))
  .map((k) => k.slice(SETTINGS_SECTION.length + 1));
const providerIds = [...new Set(keys.flatMap((k) => /^providers\.([^.]+)\./.exec(k)?.[1] ?? []))];

interface Reading {
  readonly value: unknown;
  readonly problems: readonly string[];
  readonly keysRead: ReadonlySet<string>;
}

/** The settings as plain data (each provider's settings included), and which keys were asked for. */
function read(values: Readonly<Record<string, unknown>>): Reading {
  const keysRead = new Set<string>();
  const { settings, problems } = parseAllSettings((key) => {
    keysRead.add(key);
    return values[key];
  });
  const { provider, ...rest } = settings;
  const providers = Object.fromEntries(providerIds.map((id) => [id, provider(id)]));
  return { value: JSON.parse(JSON.stringify({ ...rest, providers })) as unknown, problems: problems.map((p) => p.message), keysRead };
}

describe('Setting defaults: package.json and the code agree', () => {
  const unset = read({});

  it('declares a default for every setting', () => {
    assert.ok(keys.length > 40, `only ${keys.length} settings found`);
    for (const key of keys) assert.ok('default' in declared[`${SETTINGS_SECTION}.${key}`]!, `${SETTINGS_SECTION}.${key} has no default`);
  });

  it('reads every declared setting through parseAllSettings (or lists it in READ_ELSEWHERE)', () => {
    const unread = keys.filter((k) => !unset.keysRead.has(k) && !(k in READ_ELSEWHERE));
    assert.deepEqual(unread, [], `settings the code never reads in parseAllSettings: ${unread.map((k) => `${SETTINGS_SECTION}.${k}`).join(', ')}`);
  });

  it('uses the manifest default when the setting is unset: setting it to that default changes nothing', () => {
    assert.deepEqual(unset.problems, []);
    const mismatched: string[] = [];
    for (const key of keys) {
      if (key in READ_ELSEWHERE) continue;
      const manifestDefault = declared[`${SETTINGS_SECTION}.${key}`]!.default;
      const withDefault = read({ [key]: manifestDefault });
      assert.deepEqual(withDefault.problems, [], `${key}: the manifest default ${JSON.stringify(manifestDefault)} is reported as a bad value`);
      try {
        assert.deepEqual(withDefault.value, unset.value);
      } catch {
        mismatched.push(`${SETTINGS_SECTION}.${key} (manifest default ${JSON.stringify(manifestDefault)})`);
      }
    }
    assert.deepEqual(mismatched, [], `the code uses another default for: ${mismatched.join(', ')}`);
  });

  it('the settings read elsewhere default to what the manifest says', () => {
    for (const [key, codeDefault] of Object.entries(READ_ELSEWHERE)) assert.deepEqual(declared[`${SETTINGS_SECTION}.${key}`]?.default, codeDefault, key);
  });
});

describe('Settings people can find: titled sections, order, enum and Markdown descriptions', () => {
  const sections = configurationSections();

  it('groups the settings in titled sections, each with an order, and every setting ordered inside its section', () => {
    assert.ok(sections.length >= 3, `${sections.length} section(s)`);
    for (const section of sections) {
      assert.ok(section.title && section.title.length > 3, `a section without a title: ${section.id}`);
      assert.equal(typeof section.order, 'number', `${section.title} has no order`);
      for (const [key, schema] of Object.entries(section.properties)) assert.equal(typeof schema.order, 'number', `${key} has no order`);
    }
    assert.equal(new Set(sections.map((s) => s.order)).size, sections.length, 'two sections share an order');
  });

  it('describes every setting in Markdown, and every choice of an enum', () => {
    for (const [key, schema] of Object.entries(declared)) {
      assert.ok((schema.markdownDescription?.length ?? 0) > 20, `${key} has no markdownDescription`);
      if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, `${key}: one enumDescription per value`);
    }
  });

  it('links only to settings that exist (`#aiTaskQueue.x#`)', () => {
    let links = 0;
    for (const [key, schema] of Object.entries(declared)) {
      for (const match of (schema.markdownDescription ?? '').matchAll(/`#([\w.]+)#`/g)) {
        links += 1;
        assert.ok(declared[match[1]!], `${key} links to an undeclared setting ${match[1]}`);
      }
    }
    assert.ok(links >= 20, `only ${links} links between related settings`);
  });
});
