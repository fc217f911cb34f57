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

/** package.json as parsed JSON (each test casts the part it reads). */
export function readManifest(): Record<string, unknown> & { contributes: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { contributes: Record<string, unknown> };
}

export function configurationSections(manifest = readManifest()): readonly ConfigurationSection[] {
  const configuration = manifest.contributes.configuration as ConfigurationSection | readonly ConfigurationSection[];
  return Array.isArray(configuration) ? configuration : [configuration as ConfigurationSection];
}

/** Every declared setting by its full id, across all sections. */
export function manifestSettings(manifest = readManifest()): Readonly<Record<string, SettingSchema>> {
  return Object.assign({}, ...configurationSections(manifest).map((s) => s.properties)) as Record<string, SettingSchema>;
}
