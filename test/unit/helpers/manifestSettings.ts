// package.json read once for the manifest tests, with `contributes.configuration` flattened: it is
// a list of titled sections (or, in older manifests, one object), and a test wants every setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SettingSchema {
  readonly type?: string | readonly string[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly scope?: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly order?: number;
}

export interface ConfigurationSection {
  readonly id?: string;
  readonly title?: string;
  readonly order?: number;
  readonly properties: Readonly<Record<string, SettingSchema>>;
}

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

type Manifest = Record<string, unknown> & { contributes: Record<string, unknown> };

/** package.json as written, its user-facing strings as `%key%` references into package.nls.json. */
export function readRawManifest(): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** package.nls.json: the English text of every `%key%`. */
export function readManifestStrings(): Readonly<Record<string, string>> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/**
 * package.json as VS Code shows it in English: every `%key%` replaced by its text from
 * package.nls.json (each test casts the part it reads). A key that is missing stays `%key%`; the
 * localization test names it.
 */
export function readManifest(): Manifest {
  const strings = readManifestStrings();
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = /^%([^%\s]+)%$/.exec(value)?.[1];
      return key !== undefined && key in strings ? strings[key] : value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  return resolve(readRawManifest()) as Manifest;
}

export function configurationSections(manifest = readManifest()): readonly ConfigurationSection[] {
  const configuration = manifest.contributes.configuration as ConfigurationSection | readonly ConfigurationSection[];
  return Array.isArray(configuration) ? configuration : [configuration as ConfigurationSection];
}

/** Every declared setting by its full id, across all sections. */
export function manifestSettings(manifest = readManifest()): Readonly<Record<string, SettingSchema>> {
  return Object.assign({}, ...configurationSections(manifest).map((s) => s.properties)) as Record<string, SettingSchema>;
}
